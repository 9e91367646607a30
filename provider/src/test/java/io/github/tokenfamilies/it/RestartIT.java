package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** R8: family state lives in Keycloak's persistent sessions and survives a restart on the same database. */
@ExtendWith(KeycloakExtension.class)
class RestartIT {

    @Test
    void livePositionsWorkAndConsumedTokensAreStillReusesAfterARestart(Kc kc) {
        TestUser u = kc.createUser("restart");
        Reply a1 = kc.passwordLogin("mobile-app", u);
        Reply a2 = kc.refresh("mobile-app", a1.refreshToken());
        Reply b1 = kc.passwordLogin("mobile-app", u);
        Reply b2 = kc.refresh("mobile-app", b1.refreshToken());
        Reply b3 = kc.refresh("mobile-app", b2.refreshToken());
        assertEquals("refresh_token_reused", kc.refresh("mobile-app", b1.refreshToken()).code());
        Reply c1 = kc.passwordLoginWithScope("mobile-app", u, "openid offline_access");
        Reply c2 = kc.refresh("mobile-app", c1.refreshToken());

        kc.server().restart();

        Reply a3 = kc.refresh("mobile-app", a2.refreshToken());
        assertEquals(200, a3.status(), "live position works after restart: " + a3);
        Reply c3 = kc.refresh("mobile-app", c2.refreshToken());
        assertEquals(200, c3.status(), "offline family too: " + c3);
        assertEquals("family_revoked", kc.refresh("mobile-app", b3.refreshToken()).code(), "revoked stays revoked");
        assertEquals("refresh_token_reused", kc.refresh("mobile-app", a1.refreshToken()).code(), "consumed stays consumed");
        assertEquals("refresh_token_reused", kc.refresh("mobile-app", c1.refreshToken()).code());
    }
}
