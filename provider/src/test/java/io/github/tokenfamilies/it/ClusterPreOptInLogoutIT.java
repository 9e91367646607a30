package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.tokenfamilies.it.support.AtOnce;
import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.ClusterExtension;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakCluster;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code /mobile/logout} of a refresh token issued before its client was opted in, racing that token's first
 * refresh on the other node of the two-node cluster (PostgreSQL, persistent sessions). Whichever comes first, the
 * sign-out wins: the token and any successor the refresh handed out are refused on both nodes, the family is
 * recorded as revoked in the session (not only fenced), and the other family sharing the session lives on.
 */
@ExtendWith(ClusterExtension.class)
@Order(995)
class ClusterPreOptInLogoutIT {

    static final String APP = "cl-pre-optin-logout-app";
    static final String CALLBACK = "http://localhost/cb";
    static final int ROUNDS = 10;

    @Test
    void aSignOutRacingTheFirstRefreshOnTheOtherNodeAlwaysWins(KeycloakCluster c) throws Exception {
        Kc n1 = c.node(1);
        n1.createPublicClient(APP);
        TestUser u = n1.createUser("cl-preopt-out");
        // Each round: two logins of one browser share a client session, so the sign-out ends a family, not the
        // session, and the race is between two writes of one client session's notes on two nodes.
        List<Reply[]> tabs = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            BrowserLogin browser = new BrowserLogin(n1);
            Reply one = browser.login(APP, CALLBACK, u);
            Reply two = browser.login(APP, CALLBACK, u);
            assertEquals(200, two.status(), two.toString());
            assertNull(Jwt.familyId(one.refreshToken()), "issued before the opt-in: no family");
            tabs.add(new Reply[] {one, two});
        }
        n1.optIn(APP, Map.of("grace-seconds", "30"));

        int refreshedFirst = 0;
        List<String> families = new ArrayList<>();
        long lastSignOut = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            Kc signsOut = c.node(1 + i % 2);
            Kc refreshes = c.node(2 - i % 2);
            String legacy = tabs.get(i)[0].refreshToken();
            Reply other = refreshes.refresh(APP, tabs.get(i)[1].refreshToken());
            assertEquals(200, other.status(), "the other tab's family starts: " + other);

            List<Reply> race = AtOnce.run(2, k -> k == 0
                    ? signsOut.postJson(signsOut.mobileUrl("logout"), "{\"refresh_token\":\"" + legacy + "\"}")
                    : refreshes.refresh(APP, legacy));
            Reply out = race.get(0);
            Reply refreshed = race.get(1);
            assertEquals(204, out.status(), "round " + i + ": the sign-out: " + out);

            String family = legacyFamilyId(legacy);
            for (Kc node : List.of(c.node(1), c.node(2))) {
                assertNotEquals(200, node.refresh(APP, legacy).status(), "round " + i + ": the signed-out token is refused");
            }
            if (refreshed.status() == 200) {
                refreshedFirst++;
                assertEquals(family, Jwt.familyId(refreshed.refreshToken()), "the token's own family");
                for (Kc node : List.of(c.node(2), c.node(1))) {
                    Reply next = node.refresh(APP, refreshed.refreshToken());
                    assertEquals("family_revoked", next.code(), "round " + i + ": the successor is refused: " + next);
                }
            } else {
                assertEquals("family_revoked", refreshed.code(), "round " + i + ": refused as signed out: " + refreshed);
            }
            families.add(family);
            lastSignOut = System.nanoTime();
            Reply still = signsOut.refresh(APP, other.refreshToken());
            assertEquals(200, still.status(), "round " + i + ": the other tab's family lives: " + still);
        }
        // Durable, not only fenced. A refresh that passed the fence check just before the sign-out raised it may
        // commit after the sign-out and write the client session back without the revocation note; the revoking
        // node's re-check (RevocationRecheck, 1 s after each revocation, then 5 and 30 s) records it again. Past the
        // first re-check, each family must be recorded as revoked: a sign-out also reaches fenced families that were
        // never recorded (DeviceDirectory.revocable), so "no such device" means the note is in the session.
        long recheckedAt = lastSignOut + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < recheckedAt) {
            Thread.sleep(50); // the re-check is a timer: its time passing is what is waited for
        }
        for (String family : families) {
            Kc node = c.node(2);
            Reply again = AdminApiIT.call(node, "DELETE", AdminApiIT.base(node) + u.id() + "/devices/" + family, node.adminToken());
            assertEquals(404, again.status(), family + ": the family is recorded as revoked: " + again);
        }
        System.out.println("[it] pre-opt-in sign-out races: the refresh came first in " + refreshedFirst + " of " + ROUNDS);
    }

    /** The family a pre-opt-in token starts (rotation.LegacyToken): a hash of the token, so the test can name it. */
    static String legacyFamilyId(String token) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("token-families/legacy-family/v1:".getBytes(StandardCharsets.US_ASCII));
        byte[] digest = sha.digest(token.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
