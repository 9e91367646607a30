package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every row of the DESIGN.md §6 table produced by a real request to /mobile/token: code, HTTP status, action (except
 * temporarily_locked, which Keycloak's lockout never reveals).
 */
@ExtendWith(KeycloakExtension.class)
class ErrorCodesIT {

    static final String APP = "mobile-app";

    static void expect(Reply r, String code, int status, String action) {
        assertEquals(code, r.field("error"), r.toString());
        assertEquals(status, r.status(), r.toString());
        assertEquals(action, r.field("action"), r.toString());
        assertTrue(r.field("error_description") != null && !r.field("error_description").isBlank());
    }

    @Test
    void invalidRequest(Kc kc) {
        expect(kc.mobileToken("{not json"), "invalid_request", 400, "fix_request");
        expect(kc.mobileToken("{\"grant_type\":\"client_credentials\",\"client_id\":\"mobile-app\"}"), "invalid_request", 400, "fix_request");
    }

    @Test
    void invalidClient(Kc kc) {
        TestUser u = kc.createUser("e-client");
        expect(kc.mobileLogin("no-such-client", u, "d", "n"), "invalid_client", 401, "fix_request");
        expect(kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"legacy-service\",\"client_secret\":\"wrong\",\"username\":\""
                + u.username() + "\",\"password\":\"" + u.password() + "\"}"), "invalid_client", 401, "fix_request");
    }

    @Test
    void invalidCredentials(Kc kc) {
        TestUser u = kc.createUser("e-cred");
        expect(kc.mobileLogin(APP, new TestUser(u.id(), u.username(), "wrong-password"), "d", "n"), "invalid_credentials", 401, "login");
        expect(kc.mobileToken("{\"grant_type\":\"authorization_code\",\"client_id\":\"mobile-app\",\"code\":\"bogus\","
                + "\"redirect_uri\":\"com.example.app:/oauth2redirect\",\"code_verifier\":\"" + "v".repeat(50) + "\"}"),
                "invalid_credentials", 401, "login");
    }

    @Test
    void accountDisabled(Kc kc) {
        TestUser u = kc.createUser("e-disabled");
        assertEquals(204, kc.admin("PUT", "/users/" + u.id(), "{\"enabled\":false}").status());
        expect(kc.mobileLogin(APP, u, "d", "n"), "account_disabled", 403, "login");
    }

    /**
     * temporarily_locked is not sent for Keycloak's brute-force lockout: Keycloak's own token endpoint answers a locked
     * account like a wrong password, and so does the mobile endpoint (EnumerationIT compares the two).
     */
    @Test
    void aLockedAccountLooksLikeWrongCredentials(Kc kc) {
        TestUser u = kc.createUser("e-locked");
        TestUser wrong = new TestUser(u.id(), u.username(), "wrong-password");
        // 5 failures lock; a failure sent while Keycloak still records the previous one is refused uncounted (Kc.lockedOut)
        for (int i = 0; i < 20 && !kc.lockedOut(u.id()); i++) {
            kc.mobileLogin(APP, wrong, "d", "n");
        }
        assertTrue(kc.lockedOut(u.id()), "locked");
        Reply r = kc.mobileLogin(APP, u, "d", "n");
        expect(r, "invalid_credentials", 401, "login");
        assertTrue(r.headers().firstValue("Retry-After").isEmpty(), "no Retry-After");
    }

    @Test
    void refreshTokenExpired(Kc kc) throws InterruptedException {
        String client = "short-idle-app";
        kc.createShortIdleClient(client, Map.of("grace-seconds", "30"));
        TestUser u = kc.createUser("e-expired");
        Reply login = kc.mobileLogin(client, u, "d-exp", "n");
        assertEquals(200, login.status(), login.toString());
        Thread.sleep(2500); // let a 1-second idle timeout pass: time itself is what is tested
        expect(kc.mobileRefresh(client, login.refreshToken(), "d-exp"), "refresh_token_expired", 401, "login");
    }

    @Test
    void refreshTokenReusedAndFamilyRevoked(Kc kc) {
        TestUser u = kc.createUser("e-reuse");
        Reply login = kc.mobileLogin(APP, u, "d-reuse", "n");
        Reply r2 = kc.mobileRefresh(APP, login.refreshToken(), "d-reuse");
        Reply r3 = kc.mobileRefresh(APP, r2.refreshToken(), "d-reuse");
        expect(kc.mobileRefresh(APP, login.refreshToken(), "d-reuse"), "refresh_token_reused", 401, "login");
        expect(kc.mobileRefresh(APP, r3.refreshToken(), "d-reuse"), "family_revoked", 401, "login");
    }

    @Test
    void familyRevokedByTheClientsNotBeforePolicy(Kc kc) {
        String client = "not-before-app";
        kc.createPublicClient(client);
        kc.optIn(client, Map.of());
        TestUser u = kc.createUser("e-nbf");
        Reply login = kc.mobileLogin(client, u, "d-nbf", "n");
        assertEquals(200, login.status(), login.toString());
        String id = kc.adminJson("/clients?clientId=" + client).get(0).path("id").asText();
        long notBefore = System.currentTimeMillis() / 1000 + 60; // Clients → Advanced → Revocation: "not before"
        assertEquals(204, kc.admin("PUT", "/clients/" + id, "{\"clientId\":\"" + client + "\",\"notBefore\":" + notBefore + "}").status());
        expect(kc.mobileRefresh(client, login.refreshToken(), "d-nbf"), "family_revoked", 401, "login");
        assertEquals("family_revoked", kc.refresh(client, login.refreshToken(), "X-Device-Id", "d-nbf").code());
    }

    @Test
    void deviceMismatch(Kc kc) {
        TestUser u = kc.createUser("e-device");
        Reply login = kc.mobileLogin(APP, u, "d-owner", "n");
        expect(kc.mobileRefresh(APP, login.refreshToken(), "d-thief"), "device_mismatch", 401, "login");
        expect(kc.mobileRefresh(APP, login.refreshToken(), "d-owner"), "family_revoked", 401, "login");
    }

    @Test
    void invalidDpopProof(Kc kc) {
        TestUser u = kc.createUser("e-dpop");
        expect(kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"mobile-app\",\"username\":\"" + u.username()
                + "\",\"password\":\"" + u.password() + "\"}", "DPoP", "not-a-proof"), "invalid_dpop_proof", 400, "retry");
    }
}
