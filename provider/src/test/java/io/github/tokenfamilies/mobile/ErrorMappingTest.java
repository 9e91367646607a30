package io.github.tokenfamilies.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tokenfamilies.errors.FamilyError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {

    @Test
    void keycloakAnswersMapToStableCodes() {
        assertEquals(FamilyError.ACCOUNT_DISABLED, ErrorMapping.map(400, "invalid_grant", "Account disabled", "user_disabled"));
        assertEquals(FamilyError.ACCOUNT_DISABLED, ErrorMapping.map(400, "invalid_grant", "User disabled", "user_disabled"));
        assertEquals(FamilyError.INVALID_CREDENTIALS, ErrorMapping.map(400, "invalid_grant", "Invalid user credentials", "invalid_user_credentials"));
        assertEquals(FamilyError.INVALID_CLIENT, ErrorMapping.map(401, "unauthorized_client", "x", null));
        assertEquals(FamilyError.INVALID_CLIENT, ErrorMapping.map(401, "invalid_client", "Invalid client or Invalid client credentials", "client_not_found"));
        assertEquals(FamilyError.INVALID_DPOP_PROOF, ErrorMapping.map(400, "invalid_request", "DPoP header verification failure", null));
        assertEquals(FamilyError.REFRESH_TOKEN_REUSED, ErrorMapping.map(400, "invalid_grant", "refresh_token_reused: used", null));
        assertEquals(FamilyError.SERVER_ERROR, ErrorMapping.map(503, null, null, null));
        assertEquals(FamilyError.INVALID_REQUEST, ErrorMapping.map(400, "unsupported_grant_type", "x", null));
    }

    /**
     * Keycloak 26.7's direct grant answers all of these {@code 400 invalid_grant "Invalid user credentials"} and
     * records the truth only in its event: the mapping must not read the event.
     */
    @ParameterizedTest(name = "event {0} behind a hidden reply")
    @CsvSource({"user_not_found", "invalid_user_credentials", "user_temporarily_disabled", "user_disabled", "invalid_user"})
    void aReplyThatHidesTheAccountStateStaysHidden(String eventError) {
        assertEquals(FamilyError.INVALID_CREDENTIALS, ErrorMapping.map(400, "invalid_grant", "Invalid user credentials", eventError));
    }

    @Test
    void anUnknownWordingSaysLessNotMore() {
        assertEquals(FamilyError.INVALID_CREDENTIALS, ErrorMapping.map(400, "invalid_grant", "Account temporarily locked", "user_temporarily_disabled"));
        assertEquals(FamilyError.INVALID_CREDENTIALS, ErrorMapping.map(400, "invalid_grant", null, "user_disabled"));
    }

    /** The app is told to log in again when its session or grant is gone, never to fix a request it got right. */
    @ParameterizedTest(name = "\"{0}\" means log in again")
    @CsvSource({"invalid_grant,Stale token", "invalid_grant,Session not active", "invalid_grant,Client session not active",
            "invalid_grant,Offline user session not found",
            "invalid_grant,Offline session invalid because offline access not granted anymore",
            "invalid_scope,Client no longer has requested consent from user"})
    void aSessionOrGrantThatIsGoneMeansLogIn(String error, String description) {
        FamilyError mapped = ErrorMapping.map(400, error, description, null);
        assertEquals(FamilyError.FAMILY_REVOKED, mapped);
        assertEquals(FamilyError.Action.LOGIN, mapped.action());
    }

    /** An app's own mistake in a code exchange is fix_request, not a login loop. */
    @Test
    void aCodeExchangeTheAppGotWrongIsFixRequest() {
        assertEquals(FamilyError.INVALID_REQUEST, ErrorMapping.map(400, "invalid_grant", "PKCE code verifier not specified", "code_verifier_missing"));
        assertEquals(FamilyError.INVALID_REQUEST, ErrorMapping.map(400, "invalid_grant", "Incorrect redirect_uri", "invalid_code"));
    }

    /** A token bound to another DPoP key cannot be helped by a new proof: log in again rather than retry for ever. */
    @Test
    void aTokenBoundToAnotherDpopKeyMeansLogIn() {
        assertEquals(FamilyError.INVALID_CREDENTIALS,
                ErrorMapping.map(400, "invalid_grant", "DPoP Proof public key thumbprint does not match dpop_jkt", null));
        assertEquals(FamilyError.INVALID_CREDENTIALS, ErrorMapping.map(400, "invalid_grant", "DPoP confirmation doesn't match DPoP proof", null));
        assertEquals(FamilyError.INVALID_DPOP_PROOF, ErrorMapping.map(400, "invalid_dpop_proof", "DPoP proof is missing", "invalid_dpop_proof"));
    }
}
