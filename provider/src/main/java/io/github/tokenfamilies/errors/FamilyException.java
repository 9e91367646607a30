package io.github.tokenfamilies.errors;

import jakarta.ws.rs.core.Response;

import org.keycloak.OAuthErrorException;
import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * A refusal with a §6 code. On the standard endpoint it travels as a {@link ClientPolicyException} (standard
 * OAuth {@code invalid_grant}/{@code invalid_request}, code first in the description).
 */
public final class FamilyException extends Exception {

    private final FamilyError error;

    public FamilyException(FamilyError error, String text) {
        super(error.describe(text), null, false, false);
        this.error = error;
    }

    public FamilyError error() {
        return error;
    }

    /** The standard-endpoint form: OAuth error {@code invalid_grant} (or {@code invalid_request}), status 400. */
    public ClientPolicyException toClientPolicyException() {
        String oauth = switch (error) {
            case INVALID_REQUEST -> OAuthErrorException.INVALID_REQUEST;
            case INVALID_DPOP_PROOF -> OAuthErrorException.INVALID_DPOP_PROOF;
            case SERVER_ERROR -> OAuthErrorException.SERVER_ERROR;
            default -> OAuthErrorException.INVALID_GRANT;
        };
        Response.Status status = error == FamilyError.SERVER_ERROR
                ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.BAD_REQUEST;
        return new ClientPolicyException(oauth, getMessage(), status);
    }
}
