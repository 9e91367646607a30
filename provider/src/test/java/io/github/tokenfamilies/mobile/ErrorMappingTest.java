package io.github.tokenfamilies.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tokenfamilies.errors.FamilyError;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {

    @Test
    void keycloakAnswersMapToStableCodes() {
        assertEquals(FamilyError.TEMPORARILY_LOCKED, ErrorMapping.map(400, "invalid_grant", "Invalid user credentials", "user_temporarily_disabled"));
        assertEquals(FamilyError.ACCOUNT_DISABLED, ErrorMapping.map(400, "invalid_grant", "Account disabled", "user_disabled"));
        assertEquals(FamilyError.INVALID_CREDENTIALS, ErrorMapping.map(401, "invalid_grant", "Invalid user credentials", "invalid_user_credentials"));
        assertEquals(FamilyError.INVALID_CLIENT, ErrorMapping.map(401, "unauthorized_client", "x", null));
        assertEquals(FamilyError.INVALID_DPOP_PROOF, ErrorMapping.map(400, "invalid_request", "DPoP header verification failure", null));
        assertEquals(FamilyError.REFRESH_TOKEN_REUSED, ErrorMapping.map(400, "invalid_grant", "refresh_token_reused: used", null));
        assertEquals(FamilyError.SERVER_ERROR, ErrorMapping.map(503, null, null, null));
        assertEquals(FamilyError.INVALID_REQUEST, ErrorMapping.map(400, "unsupported_grant_type", "x", null));
    }
}
