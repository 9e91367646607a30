package io.github.tokenfamilies.accesstoken;

import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.errors.FamilyError;
import org.keycloak.OAuthErrorException;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.UserInfoRequestContext;

/**
 * Userinfo refuses an access token whose family no longer stands: 401 {@code invalid_token}, §6 code first in the
 * description. Keycloak fires USERINFO_REQUEST after it verified the token (signature, expiry, session) and made the
 * token's client the context client, so the opt-in condition matches the token's client and the token is only
 * read here, not verified a second time.
 */
final class UserInfoGuard {

    private UserInfoGuard() {
    }

    static void check(KeycloakSession session, UserInfoRequestContext context) throws ClientPolicyException {
        AccessToken token = read(context.getTokenForUserInfo() == null ? null : context.getTokenForUserInfo().getToken());
        if (token != null && !FamilyStanding.stands(session, session.getContext().getRealm(), token)) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_TOKEN,
                    FamilyError.FAMILY_REVOKED.describe("the token family of this access token was revoked"),
                    Response.Status.UNAUTHORIZED);
        }
    }

    private static AccessToken read(String encoded) {
        if (encoded == null) {
            return null;
        }
        try {
            return new JWSInput(encoded).readJsonContent(AccessToken.class);
        } catch (JWSInputException e) {
            return null; // not a JWS Keycloak issued: nothing of ours
        }
    }
}
