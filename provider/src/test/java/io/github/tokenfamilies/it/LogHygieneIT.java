package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other IT class (see junit-platform.properties): no token, password or cookie value that any
 * test used appears in the server log of the whole run.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(KeycloakExtension.class)
class LogHygieneIT {

    @Test
    void noSecretTheSuiteUsedIsInTheServerLog(Kc kc) {
        String log = kc.server().logText();
        List<String> leaked = kc.secrets().stream().filter(s -> s.length() > 12 && log.contains(s)).toList();
        assertTrue(kc.secrets().size() > 50, "the suite handled secrets: " + kc.secrets().size());
        assertTrue(leaked.isEmpty(), leaked.size() + " of " + kc.secrets().size() + " secret values appear in the server log");
        for (String fixed : new String[]{"alice-demo-password", "bob-demo-password", "legacy-service-secret"}) {
            assertTrue(!log.contains(fixed), "demo secret in the log: " + fixed.substring(0, 4) + "…");
        }
    }
}
