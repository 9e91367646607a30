package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DESIGN.md §5: each grant through /mobile/token, JSON and form, the §5 reply shape, logout and devices. */
@ExtendWith(KeycloakExtension.class)
class MobileEndpointIT {

    static final String APP = "mobile-app";

    @Test
    void passwordLoginWithJsonReturnsTheSection5Shape(Kc kc) {
        TestUser u = kc.createUser("mjson");
        Reply r = kc.mobileLogin(APP, u, "dev-1", "Alice's iPhone");
        assertEquals(200, r.status(), r.toString());
        JsonNode b = r.json();
        for (String f : new String[]{"access_token", "token_type", "expires_in", "refresh_token", "refresh_expires_in", "id_token", "scope", "server_time"}) {
            assertTrue(b.hasNonNull(f), f + " missing: " + b);
        }
        JsonNode family = b.path("family");
        assertEquals(Jwt.familyId(r.refreshToken()), family.path("id").asText(), "the family id the standard endpoint reports");
        assertEquals(1, family.path("generation").asLong());
        assertEquals("dev-1", family.path("device_id").asText());
        long now = b.path("server_time").asLong();
        assertTrue(family.path("idle_expires_at").asLong() > now && family.path("expires_at").asLong() >= family.path("idle_expires_at").asLong(), family.toString());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void formBodiesWorkForLoginAndRefresh(Kc kc) {
        TestUser u = kc.createUser("mform");
        Reply login = kc.postForm(kc.mobileUrl("token"), Map.of("grant_type", "password", "client_id", APP,
                "username", u.username(), "password", u.password(), "device.id", "dev-form", "device.name", "Pixel"));
        assertEquals(200, login.status(), login.toString());
        assertEquals("dev-form", login.json().path("family").path("device_id").asText());
        Reply refreshed = kc.postForm(kc.mobileUrl("token"), Map.of("grant_type", "refresh_token", "client_id", APP,
                "refresh_token", login.refreshToken(), "device.id", "dev-form"));
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertEquals(2, refreshed.json().path("family").path("generation").asLong());
    }

    @Test
    void refreshRotatesAndARetryGetsTheSameTokens(Kc kc) {
        TestUser u = kc.createUser("mrefresh");
        Reply login = kc.mobileLogin(APP, u, "dev-r", "Phone");
        Reply r2 = kc.mobileRefresh(APP, login.refreshToken(), "dev-r");
        assertEquals(200, r2.status(), r2.toString());
        assertEquals(2, r2.json().path("family").path("generation").asLong());
        Reply retry = kc.mobileRefresh(APP, login.refreshToken(), "dev-r");
        assertEquals(r2.refreshToken(), retry.refreshToken(), "grace retry: same refresh token");
        assertEquals(r2.accessToken(), retry.accessToken(), "and same access token");
        kc.mobileRefresh(APP, r2.refreshToken(), "dev-r");
        Reply reuse = kc.mobileRefresh(APP, login.refreshToken(), "dev-r");
        assertEquals(401, reuse.status());
        assertEquals("refresh_token_reused", reuse.field("error"));
        assertEquals("login", reuse.field("action"));
    }

    @Test
    void authorizationCodeWithPkceThroughTheMobileEndpoint(Kc kc) throws Exception {
        TestUser u = kc.createUser("mcode");
        BrowserLogin.Code code = new BrowserLogin(kc).code(APP, SameBrowserIT.REDIRECT, u);
        Reply r = kc.mobileToken("{\"grant_type\":\"authorization_code\",\"client_id\":\"" + APP + "\",\"code\":\"" + code.code()
                + "\",\"redirect_uri\":\"" + SameBrowserIT.REDIRECT + "\",\"code_verifier\":\"" + code.verifier()
                + "\",\"device\":{\"id\":\"dev-code\",\"name\":\"Tablet\"}}");
        assertEquals(200, r.status(), r.toString());
        assertEquals(Jwt.familyId(r.refreshToken()), r.json().path("family").path("id").asText());
        assertEquals("dev-code", r.json().path("family").path("device_id").asText());
    }

    @Test
    void logoutRevokesThePresentedFamilyAndIsIdempotent(Kc kc) {
        TestUser u = kc.createUser("mlogout");
        Reply login = kc.mobileLogin(APP, u, "dev-l", "Phone");
        String body = "{\"client_id\":\"" + APP + "\",\"refresh_token\":\"" + login.refreshToken() + "\"}";
        assertEquals(204, kc.postJson(kc.mobileUrl("logout"), body).status());
        assertEquals(204, kc.postJson(kc.mobileUrl("logout"), body).status(), "idempotent");
        Reply after = kc.mobileRefresh(APP, login.refreshToken(), "dev-l");
        assertEquals("family_revoked", after.field("error"), after.toString());
        assertEquals(401, kc.userinfo(login.accessToken()).status());
    }

    @Test
    void usersListAndRevokeTheirOwnDevices(Kc kc) {
        TestUser u = kc.createUser("mdevices");
        Reply phone = kc.mobileLogin(APP, u, "dev-phone", "Work phone");
        Reply tablet = kc.mobileLogin(APP, u, "dev-tablet", "Home tablet");
        Reply laptop = kc.mobileLogin(APP, u, "dev-laptop", "Laptop");
        TestUser other = kc.createUser("mdevices-other");
        Reply stranger = kc.mobileLogin(APP, other, "dev-x", "Stranger");

        Reply list = kc.get(kc.mobileUrl("devices"), "Authorization", "Bearer " + phone.accessToken());
        assertEquals(200, list.status(), list.toString());
        assertEquals(3, list.json().size(), "only the caller's own: " + list.body());
        assertFalse(list.body().contains("Stranger"));
        JsonNode tabletEntry = null;
        for (JsonNode d : list.json()) {
            assertEquals("dev-phone".equals(d.path("device").path("id").asText()), d.path("current").asBoolean(), d.toString());
            if ("Home tablet".equals(d.path("device").path("name").asText())) {
                tabletEntry = d;
            }
        }
        assertNotNull(tabletEntry);
        assertEquals(404, kc.delete(kc.mobileUrl("devices/" + Jwt.familyId(stranger.refreshToken())),
                "Authorization", "Bearer " + phone.accessToken()).status(), "another user's device is not yours");
        assertEquals(204, kc.delete(kc.mobileUrl("devices/" + tabletEntry.path("id").asText()),
                "Authorization", "Bearer " + phone.accessToken()).status());
        assertEquals("family_revoked", kc.mobileRefresh(APP, tablet.refreshToken(), "dev-tablet").field("error"));

        assertEquals(204, kc.delete(kc.mobileUrl("devices?scope=others"), "Authorization", "Bearer " + phone.accessToken()).status());
        assertEquals("family_revoked", kc.mobileRefresh(APP, laptop.refreshToken(), "dev-laptop").field("error"));
        assertEquals(200, kc.mobileRefresh(APP, phone.refreshToken(), "dev-phone").status(), "the current device stays");
        assertEquals(200, kc.mobileRefresh(APP, stranger.refreshToken(), "dev-x").status(), "other users untouched");

        Reply withRefreshToken = kc.get(kc.mobileUrl("devices"), "Authorization", "Bearer " + phone.refreshToken());
        assertEquals(401, withRefreshToken.status(), "a refresh token is not an access token");
        assertEquals("invalid_credentials", withRefreshToken.field("error"));
    }

    @Test
    void accountConsoleDeviceActivityShowsTheDeclaredDeviceName(Kc kc) {
        TestUser u = kc.createUser("maccount");
        Reply r = kc.mobileLogin(APP, u, "dev-acct", "Alice Pixel 9");
        Reply devices = kc.get(kc.realmUrl() + "/account/sessions/devices", "Authorization", "Bearer " + r.accessToken(),
                "Accept", "application/json");
        assertEquals(200, devices.status(), devices.toString());
        assertTrue(devices.body().contains("Alice Pixel 9"), devices.body());
    }

    @Test
    void standardEndpointLoginWithDeviceHeadersIsBoundToThatDevice(Kc kc) {
        TestUser u = kc.createUser("mheaders");
        Reply login = kc.passwordLogin(APP, u, "X-Device-Id", "hdr-1", "X-Device-Name", "Header phone");
        assertEquals(200, kc.refresh(APP, login.refreshToken(), "X-Device-Id", "hdr-1").status());
        JsonNode devices = kc.devicesOf(u.id());
        assertEquals("Header phone", devices.get(0).path("device").path("name").asText());
        assertNull(Jwt.claims(login.refreshToken()).get("cnf"), "no DPoP used");
    }
}
