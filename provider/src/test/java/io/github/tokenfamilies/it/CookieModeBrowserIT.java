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
 * Cookie mode in headless Chromium (e2e/cookie-mode.mjs): a browser app on an origin of Keycloak's own site signs in,
 * refreshes and signs out with fetch and credentials. Chromium itself decides whether the cookie is stored, hidden
 * from the page and sent, and whether each reply passes CORS: a reply with two Access-Control-Allow-Origin values, as
 * the endpoint once sent, fails here. Skipped without chromium.
 */
@ExtendWith(KeycloakExtension.class)
class CookieModeBrowserIT {

    @Test
    void aBrowserAppSignsInRefreshesAndSignsOutWithTheCookie(Kc kc) throws Exception {
        int port = freePort();
        int crossPort = freePort();
        String origin = "http://127.0.0.1:" + port;
        String client = "cookie-browser-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + client + "\",\"enabled\":true,\"publicClient\":true,"
                + "\"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":true,\"redirectUris\":[\"" + origin + "/*\"],"
                + "\"webOrigins\":[\"" + origin + "\"]}");
        assertEquals(201, created.status(), created.toString());
        kc.optIn(client, Map.of("cookie-mode", "true", "grace-seconds", "30"));
        TestUser u = kc.createUser("cookie-browser");

        String out = E2e.run(180, "cookie-mode.mjs", kc.baseUrl(), String.valueOf(port), String.valueOf(crossPort), client,
                u.username(), u.password());
        assertFalse(out.contains("FAIL"), out);
        assertEquals(11, out.lines().filter(l -> l.startsWith("PASS")).count(), "every check ran:\n" + out);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
