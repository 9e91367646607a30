package io.github.tokenfamilies.clientpolicy;

import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.ciba.clientpolicy.context.BackchannelTokenResponseContext;
import org.keycloak.protocol.oidc.grants.device.clientpolicy.context.DeviceTokenResponseContext;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.context.ResourceOwnerPasswordCredentialsResponseContext;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenResponseContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.context.TokenResponseContext;

/**
 * The token-response client-policy events, fired by every grant that issues tokens (authorization code, password,
 * refresh, device authorization, CIBA, client credentials) after Keycloak built the tokens and before it signs them.
 * The same classes and order in Keycloak 26.4, 26.5 and 26.7 (read from their jars).
 */
final class TokenResponses {

    private TokenResponses() {
    }

    /** The response builder of a token-response event, or {@code null} for any other event. */
    static TokenManager.AccessTokenResponseBuilder builder(ClientPolicyContext context) {
        return switch (context.getEvent()) {
            case TOKEN_RESPONSE -> ((TokenResponseContext) context).getAccessTokenResponseBuilder();
            case TOKEN_REFRESH_RESPONSE -> ((TokenRefreshResponseContext) context).getAccessTokenResponseBuilder();
            case RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE ->
                    ((ResourceOwnerPasswordCredentialsResponseContext) context).getAccessTokenResponseBuilder();
            case DEVICE_TOKEN_RESPONSE -> ((DeviceTokenResponseContext) context).getAccessTokenResponseBuilder();
            case BACKCHANNEL_TOKEN_RESPONSE -> ((BackchannelTokenResponseContext) context).getAccessTokenResponseBuilder();
            case SERVICE_ACCOUNT_TOKEN_RESPONSE -> ((ServiceAccountTokenResponseContext) context).getAccessTokenResponseBuilder();
            default -> null;
        };
    }
}
