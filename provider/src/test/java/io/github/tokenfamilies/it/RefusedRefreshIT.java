package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, defect 5 (R10): a refresh that Keycloak refuses after the family check (here: the user is disabled)
 * leaves the family exactly as it was: no stale rotation marker, no wait, no false theft verdict.
 */
@ExtendWith(KeycloakExtension.class)
class RefusedRefreshIT {

    @Test
    void aRefreshRefusedByKeycloakLeavesTheFamilyAsItWas(Kc kc) {
        TestUser u = kc.createUser("refused");
        Reply login = kc.passwordLogin("mobile-app", u);
        Reply first = kc.refresh("mobile-app", login.refreshToken());
        assertEquals(200, first.status(), first.toString());

        setEnabled(kc, u, false);
        Reply refused = kc.refresh("mobile-app", first.refreshToken());
        assertNotEquals(200, refused.status(), "a disabled user's refresh is refused: " + refused);
        setEnabled(kc, u, true);

        Reply retry = kc.refresh("mobile-app", login.refreshToken());
        assertEquals(200, retry.status(), "a grace retry of the previous token is not a theft: " + retry);
        assertEquals(first.body(), retry.body(), "the grace retry gets the first reply, byte for byte");

        long start = System.nanoTime();
        Reply live = kc.refresh("mobile-app", first.refreshToken());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, live.status(), "the live token works again: " + live);
        assertTrue(millis < 2_000, "no wait on a stale lock (RefreshGate waits 2 s on one): " + millis + " ms");
        assertEquals(200, kc.refresh("mobile-app", live.refreshToken()).status(), "the family goes on");
    }

    private static void setEnabled(Kc kc, TestUser u, boolean enabled) {
        Reply r = kc.admin("PUT", "/users/" + u.id(), "{\"enabled\":" + enabled + "}");
        assertEquals(204, r.status(), r.toString());
    }
}
