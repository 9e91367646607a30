package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Page;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12: the OAuth 2.0 device authorization grant (RFC 8628) starts a family for an opted-in client, like a
 * code or password login does. The user approves in a browser of their own (login form, then Keycloak's consent
 * page, which Keycloak always shows for this grant); the device then polls the token endpoint.
 */
@ExtendWith(KeycloakExtension.class)
class DeviceGrantIT {

    static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
    static String client;

    @BeforeAll
    static void deviceClient(Kc kc) {
        client = "tv-app-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + client + "\",\"enabled\":true,\"publicClient\":true,"
                + "\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,\"optionalClientScopes\":[\"offline_access\"],"
                + "\"attributes\":{\"oauth2.device.authorization.grant.enabled\":\"true\"}}");
        assertEquals(201, created.status(), created.toString());
        kc.optIn(client, Map.of());
    }

    @Test
    void theDeviceGrantStartsAFamilyThatRotatesAndIsRevokedOnReuse(Kc kc) {
        TestUser u = kc.createUser("device");
        Reply login = deviceLogin(kc, u, "openid");
        assertEquals(200, login.status(), login.toString());
        String rt1 = login.refreshToken();
        String fid = Jwt.familyId(rt1);
        assertNotNull(fid, "the device grant starts a family: " + Jwt.claims(rt1));
        assertEquals(1, Jwt.generation(rt1));
        assertEquals("Refresh", Jwt.claims(rt1).path("typ").asText());

        Reply r2 = kc.refresh(client, rt1);
        assertEquals(200, r2.status(), r2.toString());
        assertEquals(fid, Jwt.familyId(r2.refreshToken()));
        assertEquals(2, Jwt.generation(r2.refreshToken()));
        Reply r3 = kc.refresh(client, r2.refreshToken());
        assertEquals(200, r3.status(), r3.toString());
        assertEquals(3, Jwt.generation(r3.refreshToken()));
        JsonNode family = familyOf(kc, u, fid);
        assertNotNull(family, "the family is listed among the user's devices");
        assertEquals(client, family.path("client_id").asText());
        assertEquals(3, family.path("generation").asInt());

        Reply reuse = kc.refresh(client, rt1);
        assertEquals(400, reuse.status(), reuse.toString());
        assertEquals("invalid_grant", reuse.field("error"));
        assertEquals("refresh_token_reused", reuse.code(), reuse.toString());
        assertEquals("family_revoked", kc.refresh(client, r2.refreshToken()).code(), "the gen-2 token is dead");
        assertEquals("family_revoked", kc.refresh(client, r3.refreshToken()).code(), "and so is the live position");
        assertEquals(401, kc.userinfo(r3.accessToken()).status(), "the family's access token fails at userinfo");
        assertFalse(kc.active(r3.accessToken()), "and at introspection");
        assertNull(familyOf(kc, u, fid), "the revoked family is no longer listed");
    }

    @Test
    void aRetryWithinTheGraceWindowGetsTheSameReply(Kc kc) {
        TestUser u = kc.createUser("device-grace");
        String rt1 = deviceLogin(kc, u, "openid").refreshToken();
        Reply first = kc.refresh(client, rt1);
        Reply retry = kc.refresh(client, rt1);
        assertEquals(200, retry.status(), retry.toString());
        assertEquals(first.body(), retry.body(), "byte-identical reply, no fork");
    }

    @Test
    void offlineTokensFromTheDeviceGrantStartAFamilyToo(Kc kc) {
        TestUser u = kc.createUser("device-offline");
        Reply login = deviceLogin(kc, u, "openid offline_access");
        assertEquals(200, login.status(), login.toString());
        String rt1 = login.refreshToken();
        assertEquals("Offline", Jwt.claims(rt1).path("typ").asText());
        assertNotNull(Jwt.familyId(rt1));
        assertEquals(1, Jwt.generation(rt1));
        Reply r2 = kc.refresh(client, rt1);
        assertEquals(200, r2.status(), r2.toString());
        assertEquals(2, Jwt.generation(r2.refreshToken()));
        assertEquals(200, kc.refresh(client, r2.refreshToken()).status());
        assertEquals("refresh_token_reused", kc.refresh(client, rt1).code());
    }

    /** A client's login rules hold for the device grant as for a code or password login (R6). */
    @Test
    void theClientsDeviceRequirementsApplyToTheDeviceGrant(Kc kc) {
        String strict = "tv-strict-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + strict + "\",\"enabled\":true,\"publicClient\":true,"
                + "\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,"
                + "\"attributes\":{\"oauth2.device.authorization.grant.enabled\":\"true\"}}");
        assertEquals(201, created.status(), created.toString());
        kc.optIn(strict, Map.of("require-device-id", "true"));
        TestUser u = kc.createUser("device-strict");

        Reply bare = poll(kc, strict, approved(kc, strict, u, "openid"));
        assertEquals(400, bare.status(), bare.toString());
        assertEquals("invalid_request", bare.code(), "the §6 code (Keycloak answers device-grant refusals as invalid_grant): " + bare);
        assertTrue(bare.field("error_description").contains("device.id"), bare.toString());

        Reply declared = poll(kc, strict, approved(kc, strict, u, "openid"), "X-Device-Id", "tv-install-1", "X-Device-Name", "Living room TV");
        assertEquals(200, declared.status(), declared.toString());
        JsonNode family = familyOf(kc, u, Jwt.familyId(declared.refreshToken()));
        assertNotNull(family, "a family was started");
        assertEquals("tv-install-1", family.path("device").path("id").asText());
    }

    /**
     * RFC 8628 as a TV and a phone do it: the device asks for a code; the user opens the verification URI in a
     * browser, signs in and grants access on Keycloak's consent page; Keycloak then shows its "Device Login
     * Successful" page and the device's next poll gets the tokens.
     */
    private static Reply deviceLogin(Kc kc, TestUser user, String scope) {
        return poll(kc, client, approved(kc, client, user, scope));
    }

    /** The device code of an authorization the user approved in a browser of their own. */
    private static String approved(Kc kc, String client, TestUser user, String scope) {
        Reply authorization = kc.postForm(kc.realmUrl() + "/protocol/openid-connect/auth/device", Map.of("client_id", client, "scope", scope));
        assertEquals(200, authorization.status(), authorization.toString());
        assertNotNull(authorization.field("user_code"));

        BrowserLogin phone = new BrowserLogin(kc);
        Page consent = phone.openAndLogin(authorization.field("verification_uri_complete"), user);
        assertEquals("login-login-oauth-grant", consent.pageId(), "Keycloak asks the user to grant the device access: " + consent);
        Page done = phone.submit(consent, "accept");
        assertTrue(done.url().getPath().endsWith("/device/status"), "approved: " + done);
        assertEquals("login-info", done.pageId(), done.toString());
        assertEquals("Device Login Successful", done.title());
        return authorization.field("device_code");
    }

    /**
     * The device's poll. The approval above is committed before Keycloak shows its success page, so the first poll
     * is answered; the loop only tolerates a pending answer, and never waits (a poll sooner than the advertised
     * interval would be answered {@code slow_down}, which fails the test instead).
     */
    private static Reply poll(Kc kc, String client, String deviceCode, String... headers) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", DEVICE_CODE);
        form.put("client_id", client);
        form.put("device_code", deviceCode);
        Reply reply = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            reply = kc.postForm(kc.tokenUrl(), form, headers);
            if (!"authorization_pending".equals(reply.field("error"))) {
                return reply;
            }
        }
        return reply;
    }

    private static JsonNode familyOf(Kc kc, TestUser user, String familyId) {
        for (JsonNode f : kc.devicesOf(user.id())) {
            if (familyId.equals(f.path("id").asText())) {
                return f;
            }
        }
        return null;
    }
}
