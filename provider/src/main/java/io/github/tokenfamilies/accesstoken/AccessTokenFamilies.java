package io.github.tokenfamilies.accesstoken;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ResourceOwnerPasswordCredentialsResponseContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.context.TokenResponseContext;
import org.keycloak.services.clientpolicy.context.UserInfoRequestContext;

/**
 * Ties an opted-in client's access tokens to their family (R2, R10), through client-policy events that Keycloak
 * 26.4 to 26.7 all fire: each access token issued beside a family refresh token gets the family id, and userinfo
 * refuses it once that family is revoked or gone. Introspection is covered by {@link FamilyIntrospection}.
 */
public final class AccessTokenFamilies {

    private AccessTokenFamilies() {
    }

    /** Called by the token-families executor for the events of an opted-in client. */
    public static void onEvent(KeycloakSession session, ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case TOKEN_RESPONSE -> FamilyMark.copy(((TokenResponseContext) context).getAccessTokenResponseBuilder());
            case TOKEN_REFRESH_RESPONSE -> FamilyMark.copy(((TokenRefreshResponseContext) context).getAccessTokenResponseBuilder());
            case RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE ->
                    FamilyMark.copy(((ResourceOwnerPasswordCredentialsResponseContext) context).getAccessTokenResponseBuilder());
            case USERINFO_REQUEST -> UserInfoGuard.check(session, (UserInfoRequestContext) context);
            default -> {
            }
        }
    }
}
