package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R2/R10: once a family is revoked, its access tokens fail at userinfo and introspection at once — also when other
 * families keep its Keycloak session alive (two code logins in one browser, or two clients in one SSO session).
 * The other families' access tokens, and every token outside a family, keep working.
 */
@ExtendWith(KeycloakExtension.class)
class AccessTokenRevocationIT {

    static final String REDIRECT = "com.example.app:/oauth2redirect";
    /** The token_type_hint that selects Keycloak's requesting-party-token provider, which accepts access tokens too. */
    static final String RPT = "requesting_party_token";

    /** Two code logins of mobile-app in one browser: one Keycloak session, one client session, two families. */
    record Tabs(TestUser user, Reply one, Reply two) {
    }

    static Tabs twoTabs(Kc kc, String prefix) throws Exception {
        TestUser u = kc.createUser(prefix);
        BrowserLogin browser = new BrowserLogin(kc);
        Reply one = browser.login("mobile-app", REDIRECT, u);
        Reply two = browser.login("mobile-app", REDIRECT, u);
        assertEquals(200, one.status(), one.toString());
        assertEquals(200, two.status(), two.toString());
        assertEquals(Jwt.claims(one.refreshToken()).path("sid").asText(), Jwt.claims(two.refreshToken()).path("sid").asText(),
                "same Keycloak session");
        assertNotEquals(Jwt.familyId(one.refreshToken()), Jwt.familyId(two.refreshToken()), "two families");
        assertWorks(kc, one.accessToken(), "family 1 before the revocation");
        assertWorks(kc, two.accessToken(), "family 2 before the revocation");
        return new Tabs(u, one, two);
    }

    static void assertWorks(Kc kc, String accessToken, String what) {
        Reply info = kc.userinfo(accessToken);
        assertEquals(200, info.status(), what + ": userinfo " + info.status());
        assertTrue(kc.active(accessToken), what + ": introspection says inactive");
        assertTrue(kc.active(accessToken, RPT), what + ": introspection as a requesting party token says inactive");
    }

    static void assertRevoked(Kc kc, String accessToken, String what) {
        Reply info = kc.userinfo(accessToken);
        assertEquals(401, info.status(), what + ": userinfo " + info.status());
        assertFalse(kc.active(accessToken), what + ": introspection says active");
        assertFalse(kc.active(accessToken, RPT), what + ": introspection as a requesting party token says active");
    }

    /** The session lives on, so it is the family check that refuses: 401 invalid_token naming the §6 code. */
    static void assertUserinfoSaysFamilyRevoked(Kc kc, String accessToken) {
        Reply info = kc.userinfo(accessToken);
        String said = info.headers().firstValue("WWW-Authenticate").orElse("") + " " + info.body();
        assertEquals(401, info.status());
        assertTrue(said.contains("invalid_token") && said.contains("family_revoked"), "userinfo answer: " + said);
    }

    @Nested
    class SharedSession {

        @Test
        void reuseRevokesTheFamilysAccessTokensAndLeavesTheOtherFamilysWorking(Kc kc) throws Exception {
            Tabs t = twoTabs(kc, "at-reuse");
            Reply r1 = kc.refresh("mobile-app", t.one().refreshToken());
            assertEquals(200, r1.status(), r1.toString());
            Reply r2 = kc.refresh("mobile-app", r1.refreshToken());
            assertEquals(200, r2.status(), r2.toString());
            assertWorks(kc, r2.accessToken(), "family 1's latest access token before the reuse");

            assertEquals("refresh_token_reused", kc.refresh("mobile-app", t.one().refreshToken()).code());

            assertRevoked(kc, r2.accessToken(), "family 1's latest access token");
            assertUserinfoSaysFamilyRevoked(kc, r2.accessToken());
            assertRevoked(kc, t.one().accessToken(), "family 1's first access token");
            assertWorks(kc, t.two().accessToken(), "family 2's access token");
            Reply other = kc.refresh("mobile-app", t.two().refreshToken());
            assertEquals(200, other.status(), other.toString());
            assertWorks(kc, other.accessToken(), "family 2's refreshed access token");
        }

        @Test
        void adminDeleteRevokesTheFamilysAccessTokensAndLeavesTheOtherFamilysWorking(Kc kc) throws Exception {
            Tabs t = twoTabs(kc, "at-admin");
            Reply r1 = kc.refresh("mobile-app", t.one().refreshToken());
            assertEquals(200, r1.status(), r1.toString());

            Reply deleted = kc.admin("DELETE", "/token-families/users/" + t.user().id() + "/devices/"
                    + Jwt.familyId(t.one().refreshToken()), null);
            assertEquals(204, deleted.status(), deleted.toString());

            assertRevoked(kc, r1.accessToken(), "family 1's latest access token");
            assertUserinfoSaysFamilyRevoked(kc, r1.accessToken());
            assertEquals("family_revoked", kc.refresh("mobile-app", r1.refreshToken()).code());
            assertWorks(kc, t.two().accessToken(), "family 2's access token");
        }

        /**
         * The extension's own bearer endpoint: Keycloak's bearer check passes (family 2 keeps the session alive), so
         * it is the family check that must refuse the thief's access token, or it could sign the victim's other
         * devices out after the theft verdict.
         */
        @Test
        void aRevokedFamilysAccessTokenCannotUseTheDevicesApi(Kc kc) throws Exception {
            Tabs t = twoTabs(kc, "at-devices");
            Reply r1 = kc.refresh("mobile-app", t.one().refreshToken());
            assertEquals(200, r1.status(), r1.toString());
            Reply r2 = kc.refresh("mobile-app", r1.refreshToken()); // the first token's successor is used: a reuse from now on
            assertEquals(200, r2.status(), r2.toString());
            String bearer = "Bearer " + r2.accessToken();
            assertEquals(200, kc.get(kc.mobileUrl("devices"), "Authorization", bearer).status(), "before the reuse");

            assertEquals("refresh_token_reused", kc.refresh("mobile-app", t.one().refreshToken()).code());

            String two = Jwt.familyId(t.two().refreshToken());
            Reply list = kc.get(kc.mobileUrl("devices"), "Authorization", bearer);
            Reply others = kc.delete(kc.mobileUrl("devices?scope=others"), "Authorization", bearer);
            Reply one = kc.delete(kc.mobileUrl("devices/" + two), "Authorization", bearer);
            for (Reply r : new Reply[] {list, others, one}) {
                assertEquals(401, r.status(), r.toString());
                assertEquals("family_revoked", r.code(), r.toString());
                assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"), r.toString());
            }
            assertFalse(list.body().contains(two), "nothing listed: " + list.body());
            Reply other = kc.refresh("mobile-app", t.two().refreshToken());
            assertEquals(200, other.status(), "family 2 was not signed out: " + other);
            Reply own = kc.get(kc.mobileUrl("devices"), "Authorization", "Bearer " + other.accessToken());
            assertEquals(200, own.status(), own.toString());
            assertTrue(own.body().contains(two), own.body());
        }
    }

    @Test
    void twoClientsInOneSsoSessionRevokingOneLeavesTheOtherClientsAccessTokenWorking(Kc kc) throws Exception {
        kc.createPublicClient("at-second-app");
        kc.optIn("at-second-app", Map.of());
        TestUser u = kc.createUser("at-sso");
        BrowserLogin browser = new BrowserLogin(kc);
        Reply mobile = browser.login("mobile-app", REDIRECT, u);
        Reply second = browser.login("at-second-app", "http://localhost/cb", u);
        assertEquals(200, mobile.status(), mobile.toString());
        assertEquals(200, second.status(), second.toString());
        assertEquals(Jwt.claims(mobile.refreshToken()).path("sid").asText(), Jwt.claims(second.refreshToken()).path("sid").asText(),
                "same Keycloak session");
        assertWorks(kc, mobile.accessToken(), "mobile-app before the revocation");

        Reply deleted = kc.admin("DELETE", "/token-families/users/" + u.id() + "/devices/" + Jwt.familyId(mobile.refreshToken()), null);
        assertEquals(204, deleted.status(), deleted.toString());

        assertRevoked(kc, mobile.accessToken(), "mobile-app's access token");
        assertWorks(kc, second.accessToken(), "the other client's access token");
    }

    @Test
    void anOfflineFamilysAccessTokensWorkUntilItIsRevokedThenFail(Kc kc) {
        TestUser u = kc.createUser("at-offline");
        Reply login = kc.passwordLoginWithScope("mobile-app", u, "openid offline_access");
        assertEquals(200, login.status(), login.toString());
        assertEquals("Offline", Jwt.claims(login.refreshToken()).path("typ").asText());
        assertWorks(kc, login.accessToken(), "offline family's access token");
        Reply r1 = kc.refresh("mobile-app", login.refreshToken());
        assertEquals(200, r1.status(), r1.toString());
        kc.refresh("mobile-app", r1.refreshToken());
        assertWorks(kc, r1.accessToken(), "offline family's refreshed access token");

        assertEquals("refresh_token_reused", kc.refresh("mobile-app", login.refreshToken()).code());

        assertRevoked(kc, r1.accessToken(), "offline family's access token");
    }

    @Test
    void accessTokensCarryTheirFamilyOnEveryGrantAndTheMobileEndpoint(Kc kc) throws Exception {
        TestUser u = kc.createUser("at-claim");
        Reply password = kc.passwordLogin("mobile-app", u);
        assertEquals(Jwt.familyId(password.refreshToken()), Jwt.familyId(password.accessToken()), "password grant");
        Reply refreshed = kc.refresh("mobile-app", password.refreshToken());
        assertEquals(Jwt.familyId(password.refreshToken()), Jwt.familyId(refreshed.accessToken()), "refresh grant");
        Reply code = new BrowserLogin(kc).login("mobile-app", REDIRECT, u);
        assertEquals(Jwt.familyId(code.refreshToken()), Jwt.familyId(code.accessToken()), "authorization code grant");
        Reply mobile = kc.mobileLogin("mobile-app", u, "at-claim-phone", "Phone");
        assertEquals(200, mobile.status(), mobile.toString());
        assertEquals(Jwt.familyId(mobile.refreshToken()), Jwt.familyId(mobile.accessToken()), "mobile endpoint");
    }

    @Test
    void tokensOfClientsThatAreNotOptedInAreUntouched(Kc kc) {
        TestUser u = kc.createUser("at-stock");
        kc.createPublicClient("at-plain-app");
        for (String client : new String[]{"legacy-service", "at-plain-app"}) {
            Reply login = kc.passwordLogin(client, u);
            assertEquals(200, login.status(), client + ": " + login);
            assertNull(Jwt.familyId(login.accessToken()), client + ": no family claim");
            assertWorks(kc, login.accessToken(), client);
            Reply refreshed = kc.refresh(client, login.refreshToken());
            assertEquals(200, refreshed.status(), client + ": " + refreshed);
            assertNull(Jwt.familyId(refreshed.accessToken()), client + ": no family claim after a refresh");
            assertWorks(kc, refreshed.accessToken(), client + " after a refresh");
        }
    }
}
