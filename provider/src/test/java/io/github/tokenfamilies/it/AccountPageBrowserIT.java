package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.tokenfamilies.it.support.E2e;
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
        TestUser alice = kc.demoUser("alice", "alice-demo-password");
        Reply phone = kc.mobileLogin("mobile-app", alice, "alice-phone", "Alice Phone");
        Reply tablet = kc.mobileLogin("mobile-app", alice, "alice-tablet", "Alice Tablet");
        assertEquals(200, phone.status());
        assertEquals(200, tablet.status());

        Path shot = E2e.workDir().resolve("account-devices.png");
        E2e.run(180, "account-devices.mjs", kc.baseUrl(), alice.username(), alice.password(), "Alice Phone", "Alice Tablet",
                shot.toString());
        assertTrue(Files.size(shot) > 10_000, "screenshot taken");

        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", tablet.refreshToken(), "alice-tablet").field("error"));
        assertEquals(200, kc.mobileRefresh("mobile-app", phone.refreshToken(), "alice-phone").status());
    }
}
