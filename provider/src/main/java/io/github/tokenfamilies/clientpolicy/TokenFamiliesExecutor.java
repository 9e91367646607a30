package io.github.tokenfamilies.clientpolicy;

import io.github.tokenfamilies.accesstoken.AccessTokenFamilies;
import io.github.tokenfamilies.compat.KeycloakVersion;
import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import io.github.tokenfamilies.events.FamilyEvents;
import io.github.tokenfamilies.limit.DeviceLimit;
import io.github.tokenfamilies.rotation.FamilyIssuer;
import io.github.tokenfamilies.rotation.LoginRequirements;
import io.github.tokenfamilies.rotation.RefreshGate;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.TokenRefreshContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * The per-client switch. For every client-policy event of an opted-in client it records the client's options
 * for the rotation code; on a refresh it runs the family check before Keycloak's own refresh processing; it ties
 * access tokens to their family when issued and at userinfo.
 */
final class TokenFamiliesExecutor implements ClientPolicyExecutorProvider<FamilyExecutorConfiguration> {

    private final KeycloakSession session;
    private FamilyConfig config = FamilyConfig.DEFAULTS;

    TokenFamiliesExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(FamilyExecutorConfiguration representation) {
        this.config = FamilyConfig.from(representation == null ? null : representation.getConfigAsMap());
    }

    @Override
    public Class<FamilyExecutorConfiguration> getExecutorConfigurationClass() {
        return FamilyExecutorConfiguration.class;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        config.attachTo(session);
        try {
            if (!KeycloakVersion.supported()) {
                throw new FamilyException(FamilyError.SERVER_ERROR, "token families are not available on this Keycloak "
                        + "version (see the server log); the request is refused rather than served unprotected");
            }
            if (config.cookieMode() && isTokenEvent(context)) {
                BrowserGuard.check(session, session.getContext().getClient());
            }
            switch (context.getEvent()) {
                case TOKEN_REFRESH -> new RefreshGate(session, config)
                        .check(((TokenRefreshContext) context).getParams().getFirst(OAuth2Constants.REFRESH_TOKEN));
                case TOKEN_REQUEST, RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST, DEVICE_TOKEN_REQUEST, BACKCHANNEL_TOKEN_REQUEST ->
                        LoginRequirements.check(session, config); // every grant that logs a user in and starts a family
                case TOKEN_EXCHANGE_REQUEST -> TokenExchangeGuard.check(session);
                case USERINFO_REQUEST -> AccessTokenFamilies.onEvent(session, context);
                default -> {
                    TokenManager.AccessTokenResponseBuilder response = TokenResponses.builder(context);
                    if (response != null) {
                        if (context.getEvent() != ClientPolicyEvent.TOKEN_REFRESH_RESPONSE) {
                            DeviceLimit.enforce(session, config, response.getRefreshToken());
                        }
                        new FamilyIssuer(session).issue(response.getRefreshToken(),
                                context.getEvent() == ClientPolicyEvent.TOKEN_REFRESH_RESPONSE);
                        AccessTokenFamilies.mark(response);
                    }
                }
            }
        } catch (FamilyException e) {
            // A refused request leaves nothing behind: Keycloak has already created the user session of a password
            // grant, or the offline session of a code exchange, and would commit them with the error answer. Error
            // events are stored in a transaction of their own; revocations run in theirs.
            session.getTransactionManager().setRollbackOnly();
            FamilyEvents.refused(session, e.error());
            throw e.toClientPolicyException();
        }
    }

    private static boolean isTokenEvent(ClientPolicyContext context) {
        return switch (context.getEvent()) {
            case TOKEN_REQUEST, TOKEN_REFRESH, RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST -> true;
            default -> false;
        };
    }

    @Override
    public String getProviderId() {
        return TokenFamiliesExecutorFactory.PROVIDER_ID;
    }
}
