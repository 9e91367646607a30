package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.ServerSocket;
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
 * Real third-party browser clients against an opted-in client (e2e/spa-clients.mjs, headless chromium): keycloak-js
 * and oidc-client-ts log in with the code flow and PKCE and refresh through their own APIs. Rotation must be
 * invisible to them, a thief's reuse must end keycloak-js's session, and two oidc-client-ts tabs renewing with one
 * stored refresh token at the same moment must both succeed on one branch (R3). Skipped without chromium.
 */
@ExtendWith(KeycloakExtension.class)
class SpaClientsBrowserIT {

    @Test
    void keycloakJsAndOidcClientTsRotateAndSurviveARaceOfTabs(Kc kc) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String origin = "http://127.0.0.1:" + port;
        String client = "spa-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + client + "\",\"enabled\":true,\"publicClient\":true,"
                + "\"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":false,\"redirectUris\":[\"" + origin + "/*\"],"
                + "\"webOrigins\":[\"+\"],\"attributes\":{\"pkce.code.challenge.method\":\"S256\"}}");
        assertEquals(201, created.status(), created.toString());
        kc.optIn(client, Map.of("grace-seconds", "30"));
        TestUser u = kc.createUser("spa");

        String out = E2e.run(240, "spa-clients.mjs", kc.baseUrl(), String.valueOf(port), client, u.username(), u.password());
        assertFalse(out.contains("FAIL"), out);
    }
}
