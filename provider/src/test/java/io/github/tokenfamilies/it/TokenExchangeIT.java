package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12: standard token exchange (RFC 8693, Keycloak's "token exchange v2", on by default) has no client-policy
 * event between building and signing its tokens, so a refresh token it issued could not join a family. For an
 * opted-in client an exchange must therefore ask for an access token; anything else is refused, even where stock
 * Keycloak would issue a refresh token (the not-opted-in twin client shows it does).
 *
 * <p>Both clients are confidential (Keycloak refuses exchanges by public clients) with {@code
 * standard.token.exchange.enabled=true} and {@code standard.token.exchange.enableRefreshRequestedTokenType=SAME_SESSION};
 * the subject token is the client's own access token from a password login, so no audience mapper is needed.
 */
@ExtendWith(KeycloakExtension.class)
class TokenExchangeIT {

    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String TYPE = "urn:ietf:params:oauth:token-type:";
    static final String SECRET = "it-exchange-secret";
    static String optedIn;
    static String stock;
    static String webClient;
    static final String REDIRECT = "http://localhost/cb";

    @BeforeAll
    static void clients(Kc kc) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        optedIn = "it-exchange-" + suffix;
        stock = "it-exchange-stock-" + suffix;
        createExchangeClient(kc, optedIn);
        createExchangeClient(kc, stock);
        kc.optIn(optedIn, Map.of());
        webClient = "it-exchange-web-" + suffix;
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + webClient + "\",\"enabled\":true,\"publicClient\":false,"
                + "\"secret\":\"" + SECRET + "\",\"standardFlowEnabled\":true,\"redirectUris\":[\"" + REDIRECT + "\"],"
                + "\"directAccessGrantsEnabled\":false,\"attributes\":{\"standard.token.exchange.enabled\":\"true\"}}");
        assertEquals(201, created.status(), created.toString());
        kc.optIn(webClient, Map.of());
    }

    @Test
    void askingForARefreshTokenIsRefusedAndTheFamilyIsLeftAsItWas(Kc kc) {
        TestUser u = kc.createUser("exchange-rt");
        Reply login = passwordLogin(kc, optedIn, u);
        assertEquals(1, Jwt.generation(login.refreshToken()), "the login started a family");

        Reply refused = exchange(kc, optedIn, login.accessToken(), TYPE + "refresh_token");
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("invalid_request", refused.field("error"));
        assertTrue(refused.field("error_description").startsWith("invalid_request"), refused.toString());
        assertNull(refused.refreshToken());

        Reply next = refresh(kc, optedIn, login.refreshToken());
        assertEquals(200, next.status(), "a refused exchange leaves the family as it was: " + next);
        assertEquals(2, Jwt.generation(next.refreshToken()));
    }

    @Test
    void anExchangeWithoutARequestedTokenTypeIsRefused(Kc kc) {
        TestUser u = kc.createUser("exchange-none");
        Reply login = passwordLogin(kc, optedIn, u);
        Reply refused = exchange(kc, optedIn, login.accessToken(), null);
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("invalid_request", refused.code(), refused.toString());
        assertNull(refused.accessToken());
    }

    @Test
    void askingForAnAccessTokenWorks(Kc kc) {
        TestUser u = kc.createUser("exchange-at");
        Reply login = passwordLogin(kc, optedIn, u);
        Reply exchanged = exchange(kc, optedIn, login.accessToken(), TYPE + "access_token");
        assertEquals(200, exchanged.status(), exchanged.toString());
        assertEquals(TYPE + "access_token", exchanged.field("issued_token_type"));
        assertNotNull(exchanged.accessToken());
        assertNull(exchanged.refreshToken());
        assertEquals(200, kc.userinfo(exchanged.accessToken()).status());
    }

    @Test
    void stockKeycloakWouldHaveIssuedARefreshTokenOutsideAnyFamily(Kc kc) {
        TestUser u = kc.createUser("exchange-stock");
        Reply login = passwordLogin(kc, stock, u);
        Reply exchanged = exchange(kc, stock, login.accessToken(), TYPE + "refresh_token");
        assertEquals(200, exchanged.status(), exchanged.toString());
        assertEquals(TYPE + "refresh_token", exchanged.field("issued_token_type"));
        assertNotNull(exchanged.refreshToken(), "the client that is not opted in gets a refresh token from the exchange");
        assertNull(Jwt.familyId(exchanged.refreshToken()), "and it belongs to no family");
    }

    /**
     * Found while writing this test (issue 12): an access token that an opted-in client gets by exchanging one of a
     * family's access tokens carries no family mark (token exchange has no token-response event), so when that
     * family shares its Keycloak session with another family (two logins in one browser), revoking the family
     * leaves the exchanged token valid at userinfo and introspection. When the family is alone in its session the
     * session logout kills it (checked by hand). Fails on this commit's extension (the exchanged token is still
     * active at introspection): kept disabled until the extension marks exchanged access tokens with their family.
     */
    @Test
    @Disabled("extension gap (issue 12): access tokens issued by token exchange carry no family mark and survive the "
            + "revocation of a family that shares its Keycloak session")
    void anExchangedAccessTokenDiesWithItsFamilyAlsoWhenTheSessionIsShared(Kc kc) throws Exception {
        TestUser u = kc.createUser("exchange-shared");
        BrowserLogin browser = new BrowserLogin(kc);
        Reply phone = codeLogin(kc, browser, u);
        Reply other = codeLogin(kc, browser, u);
        assertEquals(Jwt.claims(phone.accessToken()).path("sid").asText(), Jwt.claims(other.accessToken()).path("sid").asText(),
                "two logins in one browser share the Keycloak session");
        Reply exchanged = exchange(kc, webClient, phone.accessToken(), TYPE + "access_token");
        assertEquals(200, exchanged.status(), exchanged.toString());

        Reply r2 = refresh(kc, webClient, phone.refreshToken());
        assertEquals(200, refresh(kc, webClient, r2.refreshToken()).status());
        assertEquals("refresh_token_reused", refresh(kc, webClient, phone.refreshToken()).code());
        assertEquals(401, kc.userinfo(phone.accessToken()).status(), "the family's own access token is dead");
        assertEquals(200, refresh(kc, webClient, other.refreshToken()).status(), "the other family keeps working");

        assertFalse(kc.active(exchanged.accessToken()), "the access token exchanged from the revoked family is dead at introspection");
        assertEquals(401, kc.userinfo(exchanged.accessToken()).status(), "and at userinfo");
    }

    private static Reply codeLogin(Kc kc, BrowserLogin browser, TestUser user) throws Exception {
        BrowserLogin.Code code = browser.code(webClient, REDIRECT, user);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", webClient);
        form.put("client_secret", SECRET);
        form.put("code", code.code());
        form.put("redirect_uri", REDIRECT);
        form.put("code_verifier", code.verifier());
        Reply r = kc.postForm(kc.tokenUrl(), form);
        assertEquals(200, r.status(), r.toString());
        return r;
    }

    private static void createExchangeClient(Kc kc, String clientId) {
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + clientId + "\",\"enabled\":true,\"publicClient\":false,"
                + "\"secret\":\"" + SECRET + "\",\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":true,"
                + "\"attributes\":{\"standard.token.exchange.enabled\":\"true\","
                + "\"standard.token.exchange.enableRefreshRequestedTokenType\":\"SAME_SESSION\"}}");
        assertEquals(201, created.status(), created.toString());
    }

    private static Reply passwordLogin(Kc kc, String clientId, TestUser user) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("client_secret", SECRET);
        form.put("username", user.username());
        form.put("password", user.password());
        form.put("scope", "openid");
        Reply r = kc.postForm(kc.tokenUrl(), form);
        assertEquals(200, r.status(), r.toString());
        return r;
    }

    private static Reply exchange(Kc kc, String clientId, String subjectToken, String requestedTokenType) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", EXCHANGE);
        form.put("client_id", clientId);
        form.put("client_secret", SECRET);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", TYPE + "access_token");
        if (requestedTokenType != null) {
            form.put("requested_token_type", requestedTokenType);
        }
        return kc.postForm(kc.tokenUrl(), form);
    }

    private static Reply refresh(Kc kc, String clientId, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("client_secret", SECRET);
        form.put("refresh_token", refreshToken);
        return kc.postForm(kc.tokenUrl(), form);
    }
}
