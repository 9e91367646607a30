package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.UUID;

import io.github.tokenfamilies.it.support.E2e;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AppAuth, the library family native apps use for OAuth, against an opted-in public client: AppAuth-JS
 * (@openid/appauth) in Node runs e2e/appauth.mjs (discovery, PKCE authorization request, code exchange, refreshes and
 * revocation through AppAuth's own handlers). Rotation and grace retries must be invisible to it, a thief's reuse must
 * make its next refresh fail, and its token revocation must end the login. Skipped where e2e's node modules are
 * missing.
 */
@ExtendWith(KeycloakExtension.class)
class AppAuthIT {

    static final String REDIRECT = "com.example.appauth:/oauth2redirect";

    @Test
    void appAuthRotatesRetriesWithinGraceLosesAStolenFamilyAndRevokes(Kc kc) throws Exception {
        String client = "appauth-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + client + "\",\"enabled\":true,\"publicClient\":true,"
                + "\"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":false,\"redirectUris\":[\"" + REDIRECT + "\"],"
                + "\"attributes\":{\"pkce.code.challenge.method\":\"S256\"}}");
        assertEquals(201, created.status(), created.toString());
        kc.optIn(client, Map.of("grace-seconds", "30"));
        TestUser one = kc.createUser("appauth");
        TestUser two = kc.createUser("appauth-revoke");

        String out = E2e.node(120, "@openid/appauth", "appauth.mjs", kc.baseUrl(), client, REDIRECT,
                one.username(), one.password(), two.username(), two.password());
        assertFalse(out.contains("FAIL"), out);
        assertEquals(9, out.lines().filter(l -> l.startsWith("PASS")).count(), "every check ran:\n" + out);
    }
}
