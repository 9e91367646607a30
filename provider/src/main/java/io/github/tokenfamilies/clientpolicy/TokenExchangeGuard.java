package io.github.tokenfamilies.clientpolicy;

import java.util.Set;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.models.KeycloakSession;

/**
 * Token exchange has no client-policy event between building and signing its tokens, so a refresh token it issues
 * could not join a family. For an opted-in client a token exchange must therefore ask explicitly for a token type
 * that is not a refresh token; anything else is refused (never fail open).
 */
final class TokenExchangeGuard {

    private static final String PREFIX = "urn:ietf:params:oauth:token-type:";
    private static final Set<String> ALLOWED = Set.of(PREFIX + "access_token", PREFIX + "id_token", PREFIX + "jwt");

    private TokenExchangeGuard() {
    }

    static void check(KeycloakSession session) throws FamilyException {
        String requested = session.getContext().getHttpRequest().getDecodedFormParameters().getFirst("requested_token_type");
        if (requested == null || !ALLOWED.contains(requested)) {
            throw new FamilyException(FamilyError.INVALID_REQUEST,
                    "token exchange for this client must request an access token (requested_token_type=" + PREFIX
                            + "access_token): its refresh tokens are token-family tokens, issued by logins and refreshes only");
        }
    }
}
