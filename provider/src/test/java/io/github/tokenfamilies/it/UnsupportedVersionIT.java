package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tokenfamilies.compat.KeycloakVersion;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakServer;
import io.github.tokenfamilies.it.support.PrivateServer;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: never fail open. On a Keycloak version the JAR was not tested with (simulated: no such distribution is
 * served), it says so at start-up and refuses opted-in clients' token requests; other clients are untouched.
 */
class UnsupportedVersionIT {

    private static KeycloakServer server;
    private static Kc kc;

    @BeforeAll
    static void start() {
        server = PrivateServer.start("unsupported-version", "-D" + KeycloakVersion.OVERRIDE_PROPERTY + "=26.8.0");
        kc = new Kc(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void anUntestedVersionIsNamedAtStartUpAndOptedInClientsAreRefused() {
        String log = server.logText();
        assertTrue(log.contains("ERROR") && log.contains("has not been tested with Keycloak 26.8.0"),
                "an ERROR at start-up names the version:\n" + server.tail(40));

        TestUser u = kc.createUser("unsupported");
        Reply login = kc.passwordLogin("mobile-app", u);
        assertEquals("server_error", login.field("error"), "an opted-in client's login is refused: " + login);
        assertTrue(login.status() >= 500, login.toString());
        Reply mobile = kc.mobileLogin("mobile-app", u, "dev-1", "Phone");
        assertEquals("server_error", mobile.field("error"), mobile.toString());
        assertEquals("retry", mobile.field("action"), mobile.toString());

        Reply stock = kc.passwordLogin("legacy-service", u);
        assertEquals(200, stock.status(), "a client that is not opted in keeps stock behaviour: " + stock);
    }
}
