package io.github.tokenfamilies.mobile;

import io.github.tokenfamilies.errors.FamilyError;

/** Maps what Keycloak's token endpoint answered (OAuth error, description, event error) to a §6 code. */
final class ErrorMapping {

    private ErrorMapping() {
    }

    static FamilyError map(int status, String error, String description, String eventError) {
        FamilyError ours = FamilyError.fromDescription(description);
        if (ours != null) {
            return ours;
        }
        if ("invalid_dpop_proof".equals(eventError) || (description != null && description.contains("DPoP"))) {
            return FamilyError.INVALID_DPOP_PROOF;
        }
        if (eventError != null) {
            switch (eventError) {
                case "user_temporarily_disabled":
                    return FamilyError.TEMPORARILY_LOCKED;
                case "user_disabled":
                    return FamilyError.ACCOUNT_DISABLED;
                case "invalid_user_credentials", "user_not_found", "invalid_code", "code_expired", "invalid_code_verifier",
                     "pkce_verification_failed", "invalid_authentication_session":
                    return FamilyError.INVALID_CREDENTIALS;
                case "client_not_found", "client_disabled", "invalid_client_credentials", "invalid_client":
                    return FamilyError.INVALID_CLIENT;
                default:
                    break;
            }
        }
        if (status >= 500) {
            return FamilyError.SERVER_ERROR;
        }
        if (error == null) {
            return FamilyError.INVALID_REQUEST;
        }
        return switch (error) {
            case "invalid_client", "unauthorized_client" -> FamilyError.INVALID_CLIENT;
            case "invalid_dpop_proof", "use_dpop_nonce" -> FamilyError.INVALID_DPOP_PROOF;
            case "invalid_grant" -> FamilyError.INVALID_CREDENTIALS;
            case "temporarily_unavailable" -> FamilyError.SERVER_ERROR;
            default -> FamilyError.INVALID_REQUEST;
        };
    }
}
