package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.tokenfamilies.it.support.AtOnce;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * README says the realm switch "Revoke Refresh Token" does not matter for opted-in clients: with it on (maximum
 * reuse 0, as a bank would set it), rotation, grace retries, races, reuse verdicts and the mobile endpoint behave as
 * they do with it off. Keycloak's own one-time check must never see a grace retry, and must never turn a family's
 * rotation into a stock "Stale token" refusal.
 */
@ExtendWith(KeycloakExtension.class)
class RealmRevokeRefreshTokenIT {

    static final String APP = "mobile-app";

    @BeforeAll
    static void switchOn(Kc kc) {
        assertEquals(204, kc.admin("PUT", "", "{\"revokeRefreshToken\":true,\"refreshTokenMaxReuse\":0}").status());
    }

    @AfterAll
    static void switchOff(Kc kc) {
        assertEquals(204, kc.admin("PUT", "", "{\"revokeRefreshToken\":false,\"refreshTokenMaxReuse\":0}").status());
    }

    @Test
    void rotationGraceAndReuseWorkAsWithTheSwitchOff(Kc kc) {
        TestUser u = kc.createUser("rrt");
        String rt1 = kc.passwordLogin(APP, u).refreshToken();
        Reply second = kc.refresh(APP, rt1);
        assertEquals(200, second.status(), second.toString());
        assertEquals(2, Jwt.generation(second.refreshToken()));
        Reply retry = kc.refresh(APP, rt1);
        assertEquals(second.body(), retry.body(), "the grace retry gets the same reply, Keycloak's reuse check never sees it");
        Reply mobileRetry = kc.mobileRefresh(APP, rt1, null);
        assertEquals(second.refreshToken(), mobileRetry.refreshToken(), "on the mobile endpoint too: " + mobileRetry);
        Reply third = kc.refresh(APP, second.refreshToken());
        assertEquals(200, third.status(), "the family goes on: " + third);
        assertEquals("refresh_token_reused", kc.refresh(APP, rt1).code());
        assertEquals("family_revoked", kc.refresh(APP, third.refreshToken()).code());
    }

    @Test
    void tenConcurrentRefreshesMakeOneRotation(Kc kc) throws Exception {
        TestUser u = kc.createUser("rrt-race");
        String rt1 = kc.mobileLogin(APP, u, "rrt-phone", "Phone").refreshToken();
        List<Reply> replies = AtOnce.run(10, i -> i % 2 == 0 ? kc.refresh(APP, rt1, "X-Device-Id", "rrt-phone") : kc.mobileRefresh(APP, rt1, "rrt-phone"));
        Set<String> tokens = new HashSet<>();
        for (Reply r : replies) {
            assertEquals(200, r.status(), "no false verdict, no stock refusal: " + r);
            tokens.add(r.refreshToken());
        }
        assertEquals(1, tokens.size(), "one rotation for all");
        assertEquals(200, kc.mobileRefresh(APP, tokens.iterator().next(), "rrt-phone").status());
    }
}
