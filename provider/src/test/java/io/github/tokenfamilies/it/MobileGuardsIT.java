package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mobile endpoint's guards beyond /token (issue 11): who may use {@code /devices}, what {@code /logout} demands
 * of browsers and confidential clients, and which origins a CORS preflight allows.
 */
@ExtendWith(KeycloakExtension.class)
class MobileGuardsIT {

    static final String APP = "mobile-app";
    static final String WEB_ORIGIN = CookieModeIT.ORIGIN;

    // ---- /devices: what Keycloak's account API accepts, or a token of an opted-in client ----
    @Test
    void aTokenOfAnotherClientWithoutAccountAccessIsRefusedAndRevokesNothing(Kc kc) {
        TestUser u = kc.createUser("guard-foreign");
        Reply phone = kc.mobileLogin(APP, u, "g-phone", "Guarded phone");
        String foreign = client(kc, "guard-foreign", "\"fullScopeAllowed\":false,\"defaultClientScopes\":[\"basic\"],\"optionalClientScopes\":[]");
        Reply other = kc.passwordLogin(foreign, u);
        assertEquals(200, other.status(), other.toString());
        String bearer = "Bearer " + other.accessToken();

        Reply list = kc.get(kc.mobileUrl("devices"), "Authorization", bearer);
        forbidden(list);
        assertFalse(list.body().contains("Guarded phone"), "nothing of the user's devices leaks");
        forbidden(kc.delete(kc.mobileUrl("devices/" + Jwt.familyId(phone.refreshToken())), "Authorization", bearer));
        forbidden(kc.delete(kc.mobileUrl("devices?scope=others"), "Authorization", bearer));
        assertEquals(200, kc.mobileRefresh(APP, phone.refreshToken(), "g-phone").status(), "the phone's family is untouched");
    }

    @Test
    void anAccountApiTokenOfAClientThatIsNotOptedInWorks(Kc kc) {
        TestUser u = kc.createUser("guard-account");
        kc.mobileLogin(APP, u, "a-phone", "Account phone");
        Reply legacy = kc.passwordLogin("legacy-service", u);
        assertEquals(200, legacy.status(), legacy.toString());
        Reply stock = kc.get(kc.realmUrl() + "/account/sessions/devices", "Authorization", "Bearer " + legacy.accessToken(),
                "Accept", "application/json");
        assertEquals(200, stock.status(), "Keycloak's account API accepts it: " + stock);
        Reply list = kc.get(kc.mobileUrl("devices"), "Authorization", "Bearer " + legacy.accessToken());
        assertEquals(200, list.status(), list.toString());
        assertTrue(list.body().contains("Account phone"), list.body());
    }

    @Test
    void viewProfileMayListButNotSignOut(Kc kc) {
        TestUser u = kc.createUser("guard-view");
        Reply phone = kc.mobileLogin(APP, u, "v-phone", "Viewed phone");
        String viewer = client(kc, "guard-view", "\"fullScopeAllowed\":false,\"defaultClientScopes\":[\"basic\",\"roles\"],\"optionalClientScopes\":[]");
        String viewerUuid = kc.adminJson("/clients?clientId=" + viewer).get(0).path("id").asText();
        String account = kc.adminJson("/clients?clientId=account").get(0).path("id").asText();
        JsonNode viewProfile = kc.adminJson("/clients/" + account + "/roles/view-profile");
        assertEquals(204, kc.admin("POST", "/clients/" + viewerUuid + "/scope-mappings/clients/" + account, "[" + viewProfile + "]").status());
        Reply login = kc.passwordLogin(viewer, u);
        String bearer = "Bearer " + login.accessToken();

        assertEquals(200, kc.get(kc.realmUrl() + "/account/sessions/devices", "Authorization", bearer, "Accept", "application/json").status(), "stock: may read");
        assertEquals(403, kc.delete(kc.realmUrl() + "/account/sessions", "Authorization", bearer, "Accept", "application/json").status(), "stock: may not sign out");
        Reply list = kc.get(kc.mobileUrl("devices"), "Authorization", bearer);
        assertEquals(200, list.status(), list.toString());
        assertTrue(list.body().contains("Viewed phone"));
        forbidden(kc.delete(kc.mobileUrl("devices?scope=others"), "Authorization", bearer));
        forbidden(kc.delete(kc.mobileUrl("devices/" + Jwt.familyId(phone.refreshToken())), "Authorization", bearer));
        assertEquals(200, kc.mobileRefresh(APP, phone.refreshToken(), "v-phone").status());
    }

    @Test
    void aTokenOfAnOptedInClientWorksWithoutAccountAccess(Kc kc) {
        TestUser u = kc.createUser("guard-optin");
        String app = client(kc, "guard-optin", "\"fullScopeAllowed\":false,\"defaultClientScopes\":[\"basic\"],\"optionalClientScopes\":[]");
        kc.optIn(app, Map.of());
        Reply phone = kc.mobileLogin(app, u, "o-phone", "Opted-in phone");
        assertEquals(200, phone.status(), phone.toString());
        Reply list = kc.get(kc.mobileUrl("devices"), "Authorization", "Bearer " + phone.accessToken());
        assertEquals(200, list.status(), list.toString());
        assertTrue(list.body().contains("Opted-in phone"));
        assertEquals(204, kc.delete(kc.mobileUrl("devices?scope=others"), "Authorization", "Bearer " + phone.accessToken()).status());
    }

    void forbidden(Reply r) {
        assertEquals(403, r.status(), r.toString());
        assertEquals("invalid_request", r.field("error"), r.toString());
        assertEquals("fix_request", r.field("action"), r.toString());
        assertTrue(r.json().hasNonNull("error_description"), r.toString());
    }

    // ---- /logout: /token's guards (browser guard in cookie mode, client authentication when confidential) ----
    @Test
    void aCrossSiteFormCannotEndACookieModeFamily(Kc kc) {
        TestUser u = kc.createUser("guard-csrf");
        Reply login = CookieModeIT.login(kc, u, "Origin", WEB_ORIGIN, "X-Requested-With", "fetch");
        assertEquals(200, login.status(), login.toString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        kc.secrets().add(cookie.substring(cookie.indexOf('=') + 1));
        String url = kc.mobileUrl("logout");

        refusedByTheGuard(kc.postForm(url, Map.of(), "Cookie", cookie, "Origin", "https://evil.example"));
        refusedByTheGuard(kc.postForm(url, Map.of(), "Cookie", cookie, "Origin", "https://evil.example", "X-Requested-With", "x"));
        refusedByTheGuard(kc.postJson(url, "{}", "Cookie", cookie, "Origin", WEB_ORIGIN));
        refusedByTheGuard(kc.postJson(url, "{}", "Cookie", cookie, "X-Requested-With", "x"));

        Reply refreshed = kc.mobileToken("{\"grant_type\":\"refresh_token\",\"client_id\":\"web-app\"}",
                "Origin", WEB_ORIGIN, "X-Requested-With", "fetch", "Cookie", cookie);
        assertEquals(200, refreshed.status(), "nothing was revoked: " + refreshed);
        String next = refreshed.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertEquals(204, kc.postJson(url, "{}", "Origin", WEB_ORIGIN, "X-Requested-With", "fetch", "Cookie", next).status());
        Reply dead = kc.mobileToken("{\"grant_type\":\"refresh_token\",\"client_id\":\"web-app\"}",
                "Origin", WEB_ORIGIN, "X-Requested-With", "fetch", "Cookie", next);
        assertEquals("family_revoked", dead.field("error"), dead.toString());
    }

    /**
     * Under SameSite=Strict a cross-site form post carries no cookie, but a top-level navigation's answer may still
     * set one: it must not delete the browser app's refresh cookie (a sign-out of the app, its family orphaned).
     */
    @Test
    void aCrossSiteFormCannotDeleteTheRefreshCookie(Kc kc) {
        TestUser u = kc.createUser("guard-cookie-csrf");
        Reply own = kc.mobileLogin("mobile-app", u, "d-csrf", "Attacker's phone");
        assertEquals(200, own.status(), own.toString());
        String url = kc.mobileUrl("logout");
        for (Reply r : new Reply[] {kc.postForm(url, Map.of(), "Origin", "https://evil.example"),
                kc.postForm(url, Map.of("refresh_token", "not-a-token"), "Origin", "https://evil.example"),
                kc.postForm(url, Map.of("refresh_token", own.refreshToken()), "Origin", "https://evil.example")}) {
            assertEquals(204, r.status(), r.toString());
            assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "no cookie change: " + r.headers().map());
        }
        Reply app = kc.postJson(url, "{}", "Origin", WEB_ORIGIN, "X-Requested-With", "fetch");
        assertEquals(204, app.status(), app.toString());
        assertTrue(app.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"), "the app's own request expires it");
    }

    /** Only refresh tokens end families: an access token (a resource server holds many) signs nothing out. */
    @Test
    void anAccessTokenAtLogoutEndsNothing(Kc kc) {
        TestUser u = kc.createUser("guard-at-logout");
        Reply login = kc.mobileLogin("mobile-app", u, "d-at", "Phone");
        assertEquals(200, login.status(), login.toString());
        int before = kc.devicesOf(u.id()).size();
        Reply out = kc.postJson(kc.mobileUrl("logout"), "{\"refresh_token\":\"" + login.accessToken() + "\"}");
        assertEquals(204, out.status(), out.toString());
        assertEquals(before, kc.devicesOf(u.id()).size(), "nothing was signed out");
        assertTrue(EventsIT.events(kc, u, "LOGOUT").isEmpty(), "no revocation was recorded: " + EventsIT.events(kc, u, "LOGOUT"));
        assertEquals(200, kc.mobileRefresh("mobile-app", login.refreshToken(), "d-at").status(), "the family lives");
    }

    @Test
    void aConfidentialClientMustAuthenticateToEndAFamily(Kc kc) {
        TestUser u = kc.createUser("guard-conf");
        String secret = "mg-secret-" + UUID.randomUUID();
        kc.secrets().add(secret);
        String app = client(kc, "guard-conf", "\"publicClient\":false,\"clientAuthenticatorType\":\"client-secret\",\"secret\":\"" + secret + "\"");
        kc.optIn(app, Map.of());
        Reply login = kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"" + app + "\",\"client_secret\":\"" + secret
                + "\",\"username\":\"" + u.username() + "\",\"password\":\"" + u.password() + "\"}");
        assertEquals(200, login.status(), login.toString());
        String rt = login.refreshToken();
        String url = kc.mobileUrl("logout");

        invalidClient(kc.postJson(url, "{\"client_id\":\"" + app + "\",\"refresh_token\":\"" + rt + "\"}"));
        invalidClient(kc.postJson(url, "{\"client_id\":\"" + app + "\",\"client_secret\":\"wrong\",\"refresh_token\":\"" + rt + "\"}"));
        invalidClient(kc.postForm(url, Map.of("refresh_token", rt)));
        invalidClient(kc.postForm(url, Map.of("refresh_token", rt), "Authorization", basic(app, "wrong")));
        Reply stock = kc.postForm(kc.realmUrl() + "/protocol/openid-connect/revoke", Map.of("client_id", app, "token", rt));
        assertEquals(401, stock.status(), "Keycloak's /revoke refuses it the same way: " + stock);

        Reply refreshed = kc.mobileToken("{\"grant_type\":\"refresh_token\",\"client_id\":\"" + app + "\",\"client_secret\":\"" + secret
                + "\",\"refresh_token\":\"" + rt + "\"}");
        assertEquals(200, refreshed.status(), "nothing was revoked: " + refreshed);
        assertEquals(204, kc.postForm(url, Map.of("refresh_token", refreshed.refreshToken()), "Authorization", basic(app, secret)).status());
        Reply dead = kc.mobileToken("{\"grant_type\":\"refresh_token\",\"client_id\":\"" + app + "\",\"client_secret\":\"" + secret
                + "\",\"refresh_token\":\"" + refreshed.refreshToken() + "\"}");
        assertEquals("family_revoked", dead.field("error"), dead.toString());

        Reply second = kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"" + app + "\",\"client_secret\":\"" + secret
                + "\",\"username\":\"" + u.username() + "\",\"password\":\"" + u.password() + "\"}");
        String body = "{\"client_id\":\"" + app + "\",\"client_secret\":\"" + secret + "\",\"refresh_token\":\"" + second.refreshToken() + "\"}";
        assertEquals(204, kc.postJson(url, body).status(), "client_secret in a JSON body authenticates too");
        assertEquals(204, kc.postJson(url, body).status(), "idempotent");
        assertEquals(204, kc.postJson(url, "{\"client_id\":\"" + app + "\",\"refresh_token\":\"not-a-token\"}").status(),
                "an unknown token is still a 204");
    }

    void refusedByTheGuard(Reply r) {
        assertEquals(400, r.status(), r.toString());
        assertEquals("invalid_request", r.field("error"), r.toString());
        assertFalse(r.headers().firstValue("Set-Cookie").isPresent(), "the cookie stays: " + r);
    }

    void invalidClient(Reply r) {
        assertEquals(401, r.status(), r.toString());
        assertEquals("invalid_client", r.field("error"), r.toString());
    }

    // ---- preflight: only the Web Origins of opted-in clients (only the one named by client_id, if any) ----
    @Test
    void onlyOptedInClientsOriginsAreAllowed(Kc kc) {
        String origin = "http://not-opted-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String other = client(kc, "guard-cors", "\"webOrigins\":[\"" + origin + "\"]");
        String token = kc.mobileUrl("token");

        assertEquals(WEB_ORIGIN, allowOrigin(kc, token, WEB_ORIGIN), "web-app is opted in");
        assertEquals("", allowOrigin(kc, token, origin), "a client that is not opted in");
        assertEquals("", allowOrigin(kc, token + "?client_id=" + other, origin), "not opted in, even when named");
        assertEquals(WEB_ORIGIN, allowOrigin(kc, token + "?client_id=web-app", WEB_ORIGIN));
        assertEquals("", allowOrigin(kc, token + "?client_id=" + APP, WEB_ORIGIN), "only the named client's origins");
        assertEquals("", allowOrigin(kc, token + "?client_id=no-such-client", WEB_ORIGIN));
    }

    String allowOrigin(Kc kc, String url, String origin) {
        Reply r = kc.send(HttpRequest.newBuilder(URI.create(url)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST"));
        assertTrue(r.status() < 300, r.toString());
        return r.headers().firstValue("Access-Control-Allow-Origin").orElse("");
    }

    /** Creates a client with direct grants (public unless the extra JSON says otherwise); returns its client id. */
    static String client(Kc kc, String prefix, String extraJson) {
        String clientId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String json = "{\"clientId\":\"" + clientId + "\",\"enabled\":true,\"directAccessGrantsEnabled\":true,"
                + "\"standardFlowEnabled\":false," + (extraJson.contains("publicClient") ? "" : "\"publicClient\":true,") + extraJson + "}";
        Reply r = kc.admin("POST", "/clients", json);
        assertEquals(201, r.status(), r.toString());
        return clientId;
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
