package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Opt-in through the admin REST API the console uses, no restart; before it, stock behaviour. */
@ExtendWith(KeycloakExtension.class)
class OptInIT {

    @Test
    void switchingAClientOnChangesItsBehaviourImmediately(Kc kc) {
        String client = "optin-app";
        kc.createPublicClient(client);
        TestUser u = kc.createUser("optin");

        Reply before = kc.passwordLogin(client, u);
        assertNull(Jwt.familyId(before.refreshToken()), "not opted in: stock token");
        Reply r = kc.refresh(client, before.refreshToken());
        assertEquals(200, kc.refresh(client, before.refreshToken()).status(), "stock: old token still usable");

        kc.optIn(client, Map.of("grace-seconds", "0"));
        Reply after = kc.passwordLogin(client, u);
        assertNotNull(Jwt.familyId(after.refreshToken()), "opted in: families");
        Reply r2 = kc.refresh(client, after.refreshToken());
        assertEquals(200, r2.status());
        assertEquals("refresh_token_reused", kc.refresh(client, after.refreshToken()).code(), "grace 0: immediate reuse");
        assertNotNull(r.refreshToken());
    }
}
