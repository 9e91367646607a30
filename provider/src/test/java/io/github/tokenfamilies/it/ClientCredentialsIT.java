package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12: Keycloak gives a client-credentials (service account) login a refresh token only when the client's
 * attribute {@code client_credentials.use_refresh_token} is "true" (off by default). For an opted-in client that
 * refresh token starts a family like any login's.
 */
@ExtendWith(KeycloakExtension.class)
class ClientCredentialsIT {

    static final String SECRET = "it-service-secret";
    static String service;

    @BeforeAll
    static void serviceClient(Kc kc) {
        service = "it-service-" + UUID.randomUUID().toString().substring(0, 8);
        createServiceClient(kc, service, true);
        kc.optIn(service, Map.of());
    }

    @Test
    void withoutTheClientSwitchKeycloakIssuesNoRefreshTokenAtAll(Kc kc) {
        String plain = "it-service-plain-" + UUID.randomUUID().toString().substring(0, 8);
        createServiceClient(kc, plain, false);
        kc.optIn(plain, Map.of());
        Reply login = clientCredentials(kc, plain);
        assertEquals(200, login.status(), login.toString());
        assertNull(login.refreshToken(), "stock Keycloak: no refresh token for client credentials by default");
    }

    @Test
    void aServiceAccountLoginStartsAFamilyThatRotatesAndIsRevokedOnReuse(Kc kc) {
        Reply login = clientCredentials(kc, service);
        assertEquals(200, login.status(), login.toString());
        String rt1 = login.refreshToken();
        assertNotNull(rt1, "client_credentials.use_refresh_token=true gives a refresh token");
        String fid = Jwt.familyId(rt1);
        assertNotNull(fid, "the service-account login starts a family: " + Jwt.claims(rt1));
        assertEquals(1, Jwt.generation(rt1));

        Reply r2 = refresh(kc, rt1);
        assertEquals(200, r2.status(), r2.toString());
        assertEquals(fid, Jwt.familyId(r2.refreshToken()));
        assertEquals(2, Jwt.generation(r2.refreshToken()));
        Reply r3 = refresh(kc, r2.refreshToken());
        assertEquals(200, r3.status(), r3.toString());
        assertEquals(3, Jwt.generation(r3.refreshToken()));
        assertTrue(kc.active(r3.accessToken()));

        Reply other = clientCredentials(kc, service);
        assertNotEquals(fid, Jwt.familyId(other.refreshToken()), "each client-credentials login is a family of its own");

        Reply reuse = refresh(kc, rt1);
        assertEquals(400, reuse.status(), reuse.toString());
        assertEquals("invalid_grant", reuse.field("error"));
        assertEquals("refresh_token_reused", reuse.code(), reuse.toString());
        assertEquals("family_revoked", refresh(kc, r3.refreshToken()).code(), "the live position is dead too");
        assertFalse(kc.active(r3.accessToken()), "the family's access token fails at introspection");

        Reply untouched = refresh(kc, other.refreshToken());
        assertEquals(200, untouched.status(), "the other client-credentials family keeps working: " + untouched);
        assertEquals(2, Jwt.generation(untouched.refreshToken()));
    }

    private static void createServiceClient(Kc kc, String clientId, boolean useRefreshToken) {
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + clientId + "\",\"enabled\":true,\"publicClient\":false,"
                + "\"secret\":\"" + SECRET + "\",\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,"
                + "\"directAccessGrantsEnabled\":false,\"attributes\":{\"client_credentials.use_refresh_token\":\"" + useRefreshToken + "\"}}");
        assertEquals(201, created.status(), created.toString());
    }

    private static Reply clientCredentials(Kc kc, String clientId) {
        return kc.postForm(kc.tokenUrl(), Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", SECRET));
    }

    private static Reply refresh(Kc kc, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", service);
        form.put("client_secret", SECRET);
        form.put("refresh_token", refreshToken);
        return kc.postForm(kc.tokenUrl(), form);
    }
}
