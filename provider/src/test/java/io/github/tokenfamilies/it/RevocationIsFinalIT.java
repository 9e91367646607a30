package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, defect 1 (R10): a revocation answered while a thief keeps rotating the family is final. The family
 * shares its Keycloak session with another family (two code logins in one browser), so the revocation marks it
 * revoked instead of logging the session out: exactly where an in-flight rotation used to write it live again.
 */
@ExtendWith(KeycloakExtension.class)
class RevocationIsFinalIT {

    private static final String CLIENT = "mobile-app";
    private static final String REDIRECT = "com.example.app:/oauth2redirect";
    private static final int TRIALS = 5;

    @Test
    void aReuseVerdictIsFinalWhileTheThiefKeepsRefreshing(Kc kc) throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            runTrial(kc, trial, f -> {
                Reply r = kc.refresh(CLIENT, f.consumed);
                assertEquals("refresh_token_reused", r.code(), "the owner presents a consumed token: " + r);
                return r;
            });
        }
    }

    @Test
    void anAdminDeviceSignOutIsFinalWhileTheThiefKeepsRefreshing(Kc kc) throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            runTrial(kc, trial, f -> {
                Reply r = kc.admin("DELETE", "/token-families/users/" + f.user.id() + "/devices/" + f.familyId, null);
                assertEquals(204, r.status(), r.toString());
                return r;
            });
        }
    }

    @Test
    void aMobileLogoutIsFinalWhileTheThiefKeepsRefreshing(Kc kc) throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            runTrial(kc, trial, f -> {
                Reply r = kc.postJson(kc.mobileUrl("logout"), "{\"client_id\":\"" + CLIENT + "\",\"refresh_token\":\"" + f.stolen + "\"}");
                assertEquals(204, r.status(), r.toString());
                return r;
            });
        }
    }

    /** The family under attack: its first (consumed) token, a token the thief holds, the other tab's token. */
    private record Family(TestUser user, String familyId, String consumed, String stolen, String otherTab) {
    }

    private void runTrial(Kc kc, int trial, Function<Family, Reply> revoke) throws Exception {
        TestUser u = kc.createUser("final");
        BrowserLogin browser = new BrowserLogin(kc);
        Reply tab1 = browser.login(CLIENT, REDIRECT, u);
        Reply tab2 = browser.login(CLIENT, REDIRECT, u);
        assertEquals(200, tab1.status(), tab1.toString());
        assertEquals(200, tab2.status(), tab2.toString());
        String familyId = Jwt.familyId(tab1.refreshToken());
        Reply stolen = kc.refresh(CLIENT, tab1.refreshToken());
        assertEquals(200, stolen.status(), stolen.toString());
        Family family = new Family(u, familyId, tab1.refreshToken(), stolen.refreshToken(), tab2.refreshToken());

        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> successes = new ArrayList<>(); // {start nanos, generation}
        int[] rotations = {0};
        Thread thief = new Thread(() -> {
            String token = family.stolen;
            while (!stop.get()) {
                long start = System.nanoTime();
                Reply r = kc.refresh(CLIENT, token);
                if (r.status() != 200) {
                    break;
                }
                synchronized (successes) {
                    successes.add(new long[]{start, Jwt.generation(r.refreshToken())});
                    rotations[0]++;
                }
                token = r.refreshToken();
            }
        });
        thief.start();
        while (true) {
            synchronized (successes) {
                if (rotations[0] >= 3 + trial) {
                    break;
                }
            }
            if (!thief.isAlive()) {
                break;
            }
            Thread.onSpinWait();
        }
        revoke.apply(family);
        long answered = System.nanoTime();
        thief.join(5_000);
        stop.set(true);
        thief.join();

        long late;
        synchronized (successes) {
            late = successes.stream().filter(s -> s[0] > answered).count();
        }
        assertEquals(0, late, "trial " + trial + ": refreshes of the revoked family succeeded after the revocation was answered");
        assertTrue(kc.devicesOf(u.id()).findValues("id").stream().noneMatch(id -> id.asText().equals(familyId)),
                "trial " + trial + ": the admin API must not list the revoked family");
        Reply other = kc.refresh(CLIENT, family.otherTab);
        assertEquals(200, other.status(), "trial " + trial + ": the other family of the session keeps working: " + other);
    }
}
