package io.github.tokenfamilies.mobile;

import io.github.tokenfamilies.errors.FamilyError;

/**
 * Maps what Keycloak's token endpoint answered (status, OAuth error, description) to a §6 code.
 *
 * <p>Whatever concerns the account comes from the reply alone, never from the event error: Keycloak records the
 * truth in its event ({@code user_not_found}, {@code user_temporarily_disabled}, {@code user_disabled}) while its reply
 * deliberately hides it (Keycloak 26.7, direct grant: {@code 400 invalid_grant "Invalid user credentials"} for an
 * unknown user, a wrong password, a locked account and a disabled account with a wrong password). The only account
 * state its replies name is a disabled user: "Account disabled" (password grant with the right password) and "User
 * disabled" (code and refresh grants). Keycloak's brute-force lockout is never named, so {@code temporarily_locked}
 * is not produced from it. If a future Keycloak words these differently the answer falls back to
 * {@code invalid_credentials}: it can say less, never more.
 */
final class ErrorMapping {

    /** Keycloak's descriptions that name a disabled account (ValidateUsername; AuthorizationCodeGrantType, TokenManager). */
    private static final java.util.Set<String> DISABLED = java.util.Set.of("Account disabled", "User disabled");
    /**
     * Keycloak's descriptions (26.4–26.7) for a refresh whose session or grant is gone: the user must log in again, as
     * for a revoked family. They name the token's session, not the account, and the standard endpoint says as much.
     */
    private static final java.util.Set<String> SESSION_GONE = java.util.Set.of("Stale token", "Session not active",
            "Client session not active", "Offline user session not found", "Offline session invalid because offline access not granted anymore",
            "Session doesn't have required client", "Client no longer has requested consent from user");
    /** Keycloak's descriptions of a code exchange the app got wrong (PKCE, redirect URI): its bug, not the user's. */
    private static final java.util.Set<String> APP_MISTAKES = java.util.Set.of("PKCE code verifier not specified",
            "Incorrect redirect_uri");

    private ErrorMapping() {
    }

    /**
     * @param eventError the error Keycloak recorded in its event; consulted only for DPoP and client failures, which
     *                   say nothing about an account
     */
    static FamilyError map(int status, String error, String description, String eventError) {
        FamilyError ours = FamilyError.fromDescription(description);
        if (ours != null) {
            return ours;
        }
        String text = description == null ? "" : description.trim();
        if (SESSION_GONE.contains(text)) {
            return FamilyError.FAMILY_REVOKED;
        }
        if (APP_MISTAKES.contains(text)) {
            return FamilyError.INVALID_REQUEST;
        }
        if (text.contains("DPoP") && (text.contains("does not match") || text.contains("doesn't match"))) {
            return FamilyError.INVALID_CREDENTIALS; // a token bound to another key: sending a proof again cannot help
        }
        if ("invalid_dpop_proof".equals(eventError) || text.contains("DPoP")) {
            return FamilyError.INVALID_DPOP_PROOF;
        }
        if (DISABLED.contains(text)) {
            return FamilyError.ACCOUNT_DISABLED;
        }
        if (eventError != null) {
            switch (eventError) {
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
