package io.github.tokenfamilies.accesstoken;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.UserInfoRequestContext;

/**
 * Ties an opted-in client's access tokens to their family (R2, R10), through client-policy events that Keycloak
 * 26.4 to 26.7 all fire: each access token issued beside a family refresh token gets the family id, and userinfo
 * refuses it once that family is revoked or gone. Introspection is covered by {@link FamilyIntrospection}.
 */
public final class AccessTokenFamilies {

    private AccessTokenFamilies() {
    }

    /** Called by the token-families executor for the userinfo requests of an opted-in client. */
    public static void onEvent(KeycloakSession session, ClientPolicyContext context) throws ClientPolicyException {
        if (context.getEvent() == ClientPolicyEvent.USERINFO_REQUEST) {
            UserInfoGuard.check(session, (UserInfoRequestContext) context);
        }
    }

    /**
     * Whether a verified access token may still be honoured: {@code false} once the family it names was revoked,
     * evicted or logged out; {@code true} for tokens outside any family. For the extension's own bearer endpoints.
     */
    public static boolean stands(KeycloakSession session, RealmModel realm, AccessToken token) {
        return token == null || FamilyStanding.stands(session, realm, token);
    }

    /** Called on every token response of an opted-in client, after the refresh token joined its family. */
    public static void mark(TokenManager.AccessTokenResponseBuilder response) {
        FamilyMark.copy(response);
    }
}
