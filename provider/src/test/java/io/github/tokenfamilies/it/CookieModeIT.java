package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(ORIGIN, login.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
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

    static Reply login(Kc kc, TestUser u, String... headers) {
        return kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"web-app\",\"username\":\"" + u.username()
                + "\",\"password\":\"" + u.password() + "\"}", headers);
    }
}
