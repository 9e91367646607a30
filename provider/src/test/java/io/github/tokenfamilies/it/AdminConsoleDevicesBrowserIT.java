package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.E2e;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin theme {@code token-families} (demo realm's admin theme): in the stock admin console, a realm admin with
 * view-users and manage-users sees a user's devices on the user's Sessions tab and signs one out through a
 * confirmation; an admin without view-users sees nothing. Real headless chromium driven by e2e/admin-devices.mjs;
 * skipped where chromium or the e2e node modules are missing (.ci/run installs them). Also the token-families executor
 * form (Realm settings → Client policies → Profiles): its labels, and an invalid value refused with the field named.
 */
@ExtendWith(KeycloakExtension.class)
class AdminConsoleDevicesBrowserIT {

    @Test
    void anAdminSeesTheDevicesOfAUserAndSignsOneOut(Kc kc) throws Exception {
        TestUser target = kc.createUser("console-target");
        Reply phone = kc.mobileLogin("mobile-app", target, "console-phone", "Console Phone");
        Reply tablet = kc.mobileLogin("mobile-app", target, "console-tablet", "Console Tablet");
        assertEquals(200, phone.status());
        assertEquals(200, tablet.status());
        TestUser admin = kc.createUser("console-admin");
        kc.grantRealmManagementRole(admin, "view-users");
        kc.grantRealmManagementRole(admin, "manage-users");

        Path shot = E2e.workDir().resolve("admin-console-devices.png");
        runBrowser(kc, admin, target, shot, "manage");
        assertTrue(Files.size(shot) > 10_000, "screenshot taken");

        JsonNode left = kc.devicesOf(target.id());
        assertEquals(1, left.size(), left.toString());
        assertEquals(Jwt.familyId(phone.refreshToken()), left.get(0).path("id").asText(), "the phone is left");
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", tablet.refreshToken(), "console-tablet").field("error"));
        assertEquals(200, kc.mobileRefresh("mobile-app", phone.refreshToken(), "console-phone").status());
    }

    /** The master admin's console takes its theme from master, and its token from master, for a user of demo. */
    @Test
    void theMasterAdminSeesDevicesOfADemoUserWhenMastersAdminThemeIsSet(Kc kc) throws Exception {
        TestUser target = kc.createUser("console-target3");
        Reply phone = kc.mobileLogin("mobile-app", target, "console3-phone", "Master View Phone");
        Reply tablet = kc.mobileLogin("mobile-app", target, "console3-tablet", "Master View Tablet");
        TestUser admin = new TestUser(null, "admin", "admin");
        String before = master(kc, "GET", null).json().path("adminTheme").asText("");
        assertEquals(204, master(kc, "PUT", "{\"adminTheme\":\"token-families\"}").status());
        try {
            runBrowser(kc, admin, target, E2e.workDir().resolve("admin-console-devices-master.png"), "manage", "master");
        } finally {
            master(kc, "PUT", "{\"adminTheme\":\"" + before + "\"}");
        }
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", tablet.refreshToken(), "console3-tablet").field("error"));
        assertEquals(200, kc.mobileRefresh("mobile-app", phone.refreshToken(), "console3-phone").status());
    }

    /** The executor form in English (the README's screenshot, docs/executor-form.png, is this test's). */
    @Test
    void theExecutorFormShowsEveryOptionWithItsEnglishLabel(Kc kc) throws Exception {
        assertEquals(204, kc.putProfile("console-form", Map.of("grace-seconds", "30", "notify-user", "true")).status());
        TestUser admin = kc.createUser("console-realm-admin");
        kc.grantRealmManagementRole(admin, "realm-admin");
        Path shot = E2e.workDir().resolve("executor-form.png");
        E2e.run(240, "admin-executor-form.mjs", kc.baseUrl(), admin.username(), admin.password(), "console-form", shot.toString(), "show",
                "Retry grace (seconds)", "Blast radius on reuse", "E-mail the user on reuse", "Require a device id", "Require DPoP",
                "Cookie mode (browser apps)", "Maximum devices per user", "At the device limit", "E-mail the user on a new device");
        assertTrue(Files.size(shot) > 10_000, "screenshot taken");
    }

    /**
     * Saving an out-of-range grace in the form shows the console's error alert with the message naming the field and
     * its range, and nothing is stored. (The field is a number input: a browser cannot type "abc" into it; the REST
     * path refuses "abc" too, ConfigValidationIT.)
     */
    @Test
    void anOutOfRangeGraceSavedInTheFormIsRefusedWithTheFieldNamed(Kc kc) throws Exception {
        assertEquals(204, kc.putProfile("console-bad-grace", Map.of("grace-seconds", "45")).status());
        TestUser admin = kc.createUser("console-realm-admin2");
        kc.grantRealmManagementRole(admin, "realm-admin");
        String out = E2e.run(240, "admin-executor-form.mjs", kc.baseUrl(), admin.username(), admin.password(), "console-bad-grace",
                E2e.workDir().resolve("executor-form-invalid.png").toString(), "invalid", "301", "45");
        String alert = E2e.line(out, "ALERT:");
        assertTrue(alert.contains("grace-seconds (Retry grace (seconds)) must be a whole number from 0 to 300, not \"301\""), out);
        assertEquals("45", graceOf(kc, "console-bad-grace"), "nothing stored");
    }

    private static String graceOf(Kc kc, String profile) {
        for (JsonNode p : kc.adminJson("/client-policies/profiles").path("profiles")) {
            if (profile.equals(p.path("name").asText())) {
                return p.path("executors").get(0).path("configuration").path("grace-seconds").asText();
            }
        }
        throw new AssertionError("profile " + profile + " not stored");
    }

    private static Reply master(Kc kc, String method, String json) {
        return kc.send(HttpRequest.newBuilder(URI.create(kc.baseUrl() + "/admin/realms/master"))
                .header("Authorization", "Bearer " + kc.adminToken()).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void anAdminWithoutViewUsersSeesNoDevices(Kc kc) throws Exception {
        TestUser target = kc.createUser("console-target2");
        Reply phone = kc.mobileLogin("mobile-app", target, "console2-phone", "Hidden Phone");
        Reply tablet = kc.mobileLogin("mobile-app", target, "console2-tablet", "Hidden Tablet");
        TestUser admin = kc.createUser("console-searcher");
        kc.grantRealmManagementRole(admin, "query-users"); // may search users, may not view them

        runBrowser(kc, admin, target, E2e.workDir().resolve("admin-console-devices-forbidden.png"), "forbidden");

        assertEquals(2, kc.devicesOf(target.id()).size(), "nothing was revoked");
        assertEquals(200, kc.mobileRefresh("mobile-app", tablet.refreshToken(), "console2-tablet").status());
        assertEquals(200, kc.mobileRefresh("mobile-app", phone.refreshToken(), "console2-phone").status());
    }

    private static void runBrowser(Kc kc, TestUser admin, TestUser target, Path shot, String mode) throws Exception {
        runBrowser(kc, admin, target, shot, mode, "demo");
    }

    private static void runBrowser(Kc kc, TestUser admin, TestUser target, Path shot, String mode, String consoleRealm) throws Exception {
        String prefix = consoleRealm.equals("master") ? "Master View" : mode.equals("manage") ? "Console" : "Hidden";
        String keep = prefix + " Phone";
        String drop = prefix + " Tablet";
        E2e.run(240, "admin-devices.mjs", kc.baseUrl(), admin.username(), admin.password(), target.id(), keep, drop,
                shot.toString(), mode, consoleRealm);
    }
}
