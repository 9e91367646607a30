package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real browser (Debian's headless chromium, driven by playwright-core from e2e/): alice logs in to the account
 * console, opens "Devices and apps", sees her two mobile devices by name and signs one out; its refresh token is
 * then refused. Skipped where chromium or the e2e node modules are not installed (.ci/run installs them).
 */
@ExtendWith(KeycloakExtension.class)
class AccountPageBrowserIT {

    @Test
    void aliceSignsOneDeviceOutFromTheAccountConsole(Kc kc) throws Exception {
        Path e2e = Path.of(System.getProperty("it.realm.file")).getParent().resolve("e2e");
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assumeTrue(Files.isExecutable(Path.of(chromium)), "no chromium at " + chromium);
        assumeTrue(Files.isDirectory(e2e.resolve("node_modules/playwright-core")), "run npm ci in e2e/");

        TestUser alice = new TestUser(null, "alice", "alice-demo-password");
        Reply phone = kc.mobileLogin("mobile-app", alice, "alice-phone", "Alice Phone");
        Reply tablet = kc.mobileLogin("mobile-app", alice, "alice-tablet", "Alice Tablet");
        assertEquals(200, phone.status());
        assertEquals(200, tablet.status());

        Path shot = Path.of(System.getProperty("it.work.dir")).resolve("account-devices.png");
        Process node = new ProcessBuilder("node", "account-devices.mjs", kc.baseUrl(), alice.username(), alice.password(),
                "Alice Phone", "Alice Tablet", shot.toString()).directory(e2e.toFile()).redirectErrorStream(true).start();
        boolean done = node.waitFor(180, TimeUnit.SECONDS);
        String out = new String(node.getInputStream().readAllBytes());
        if (!done) {
            node.destroyForcibly();
        }
        assertTrue(done && node.exitValue() == 0 && out.contains("OK"), "browser run failed:\n" + out);
        assertTrue(Files.size(shot) > 10_000, "screenshot taken");

        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", tablet.refreshToken(), "alice-tablet").field("error"));
        assertEquals(200, kc.mobileRefresh("mobile-app", phone.refreshToken(), "alice-phone").status());
    }
}
