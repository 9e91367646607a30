package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cookie mode (web-app): the refresh token only in an HttpOnly cookie; Origin and X-Requested-With required. */
@ExtendWith(KeycloakExtension.class)
class CookieModeIT {

    static final String ORIGIN = "http://localhost:8080";

    @Test
    void theRefreshTokenTravelsOnlyInTheCookie(Kc kc) {
        TestUser u = kc.createUser("cookie");
        Reply login = login(kc, u, "Origin", ORIGIN, "X-Requested-With", "fetch");
        assertEquals(200, login.status(), login.toString());
        assertFalse(login.json().has("refresh_token"), "never in the body");
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("Secure") && setCookie.contains("SameSite=Strict")
                && setCookie.contains("Path=/realms/demo/mobile"), setCookie);
        assertEquals(List.of(ORIGIN), login.headers().allValues("Access-Control-Allow-Origin"), "one value: browsers refuse two");
        String cookie = setCookie.split(";", 2)[0];
        kc.secrets().add(cookie.substring(cookie.indexOf('=') + 1));

        Reply refreshed = kc.mobileToken("{\"grant_type\":\"refresh_token\",\"client_id\":\"web-app\"}",
                "Origin", ORIGIN, "X-Requested-With", "fetch", "Cookie", cookie);
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertEquals(2, refreshed.json().path("family").path("generation").asLong());
        assertFalse(refreshed.json().has("refresh_token"));
        String next = refreshed.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        Reply logout = kc.postJson(kc.mobileUrl("logout"), "{}", "Origin", ORIGIN, "X-Requested-With", "fetch", "Cookie", next);
        assertEquals(204, logout.status());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"), "logout expires the cookie");
        Reply dead = kc.mobileToken("{\"grant_type\":\"refresh_token\",\"client_id\":\"web-app\"}",
                "Origin", ORIGIN, "X-Requested-With", "fetch", "Cookie", next);
        assertEquals("family_revoked", dead.field("error"));
        assertEquals(List.of(ORIGIN), dead.headers().allValues("Access-Control-Allow-Origin"), "an error the app can read");
        assertEquals(List.of(ORIGIN), refreshed.headers().allValues("Access-Control-Allow-Origin"));
        assertEquals(List.of(ORIGIN), logout.headers().allValues("Access-Control-Allow-Origin"));
        Reply wrong = login(kc, new TestUser(u.id(), u.username(), "wrong"), "Origin", ORIGIN, "X-Requested-With", "fetch");
        assertEquals(List.of(ORIGIN), wrong.headers().allValues("Access-Control-Allow-Origin"), "a refused login too: " + wrong.headers().map());
    }

    @Test
    void crossSiteRequestsCannotUseTheCookie(Kc kc) {
        TestUser u = kc.createUser("csrf");
        Reply login = login(kc, u, "Origin", ORIGIN, "X-Requested-With", "fetch");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String refresh = "{\"grant_type\":\"refresh_token\",\"client_id\":\"web-app\"}";
        Reply noHeader = kc.mobileToken(refresh, "Origin", ORIGIN, "Cookie", cookie);
        assertEquals("invalid_request", noHeader.field("error"), noHeader.toString());
        Reply evil = kc.mobileToken(refresh, "Origin", "https://evil.example", "X-Requested-With", "x", "Cookie", cookie);
        assertEquals("invalid_request", evil.field("error"), evil.toString());
        assertFalse(evil.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        Reply ok = kc.mobileToken(refresh, "Origin", ORIGIN, "X-Requested-With", "fetch", "Cookie", cookie);
        assertEquals(200, ok.status(), "refused requests did not consume the token: " + ok);
    }

    /**
     * A form auto-submitted by a page on a sibling subdomain (same site: the Strict cookie goes along, but no custom
     * header) must neither use the cookie nor expire it, whatever grant or client it names. Keycloak itself refuses an
     * Origin outside the named client's Web Origins; the hole was a client (not in cookie mode) whose Web Origins hold
     * the attacker's page (a blog with an XSS, say): the cookie was used as that client's refresh token, Keycloak
     * refused it, and the reply expired the cookie, signing the user out of the browser app.
     */
    @Test
    void aSameSiteFormCannotExpireTheCookieThroughAnyGrant(Kc kc) {
        String sibling = "http://blog.localhost:8080";
        String other = "cookie-sibling-app";
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + other + "\",\"enabled\":true,\"publicClient\":true,"
                + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":true,\"redirectUris\":[\"" + sibling + "/*\"],"
                + "\"webOrigins\":[\"" + sibling + "\"]}");
        assertTrue(created.status() == 201 || created.status() == 409, created.toString());
        TestUser u = kc.createUser("cookie-form");
        String cookie = login(kc, u, "Origin", ORIGIN, "X-Requested-With", "fetch").headers().firstValue("Set-Cookie")
                .orElseThrow().split(";", 2)[0];
        String token = kc.mobileUrl("token");
        List<Reply> forms = List.of(
                kc.postForm(token, Map.of("grant_type", "refresh_token", "client_id", other), "Origin", sibling, "Cookie", cookie),
                kc.postForm(token, Map.of("grant_type", "password", "client_id", other, "username", "x", "password", "y"),
                        "Origin", sibling, "Cookie", cookie),
                kc.postForm(token, Map.of("grant_type", "authorization_code", "client_id", "web-app", "code", "x", "redirect_uri", "x"),
                        "Origin", sibling, "Cookie", cookie),
                kc.postForm(token, Map.of("grant_type", "refresh_token", "client_id", "web-app"), "Origin", sibling, "Cookie", cookie));
        for (Reply r : forms) {
            assertTrue(r.status() >= 400 && r.status() < 500, r.toString());
            assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "no cookie change: " + r + " " + r.headers().map());
        }
        assertEquals("invalid_request", forms.get(2).field("error"), "the cookie-mode client's checks come first: " + forms.get(2));
        assertEquals("invalid_request", forms.get(3).field("error"), forms.get(3).toString());
        Reply ok = kc.mobileToken("{\"grant_type\":\"refresh_token\",\"client_id\":\"web-app\"}",
                "Origin", ORIGIN, "X-Requested-With", "fetch", "Cookie", cookie);
        assertEquals(200, ok.status(), "the app's cookie still works: " + ok);
    }

    /**
     * Cookie tossing: a sibling subdomain or a network attacker can plant a second cookie of the same name (another
     * Domain or Path). Which one the server would read is up to the browser's order, so the attacker could slip the
     * victim's app into the attacker's own family. A refresh with two refresh cookies is refused and uses neither; a
     * sign-out with two ends both families (the user's, whichever it is, and the planter's own).
     */
    @Test
    void twoRefreshCookiesAreRefusedAndNeitherIsUsed(Kc kc) {
        TestUser victim = kc.createUser("cookie-victim");
        TestUser attacker = kc.createUser("cookie-attacker");
        String v = login(kc, victim, "Origin", ORIGIN, "X-Requested-With", "fetch").headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String a = login(kc, attacker, "Origin", ORIGIN, "X-Requested-With", "fetch").headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String refresh = "{\"grant_type\":\"refresh_token\",\"client_id\":\"web-app\"}";
        for (String both : List.of(a + "; " + v, v + "; " + a)) {
            Reply r = kc.mobileToken(refresh, "Origin", ORIGIN, "X-Requested-With", "fetch", "Cookie", both);
            assertEquals(400, r.status(), r.toString());
            assertEquals("invalid_request", r.field("error"), r.toString());
            assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "neither is expired: " + r.headers().map());
        }
        List<String> now = new java.util.ArrayList<>();
        for (String one : List.of(v, a)) {
            Reply ok = kc.mobileToken(refresh, "Origin", ORIGIN, "X-Requested-With", "fetch", "Cookie", one);
            assertEquals(200, ok.status(), "both families are untouched: " + ok);
            now.add(ok.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0]);
        }
        Reply out = kc.postJson(kc.mobileUrl("logout"), "{}", "Origin", ORIGIN, "X-Requested-With", "fetch",
                "Cookie", now.get(1) + "; " + now.get(0));
        assertEquals(204, out.status(), "the user can still sign out: " + out);
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"), "and the cookie is expired");
        for (String one : now) {
            Reply dead = kc.mobileToken(refresh, "Origin", ORIGIN, "X-Requested-With", "fetch", "Cookie", one);
            assertEquals("family_revoked", dead.field("error"), "both families are ended: " + dead);
        }
    }

    static Reply login(Kc kc, TestUser u, String... headers) {
        return kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"web-app\",\"username\":\"" + u.username()
                + "\",\"password\":\"" + u.password() + "\"}", headers);
    }
}
