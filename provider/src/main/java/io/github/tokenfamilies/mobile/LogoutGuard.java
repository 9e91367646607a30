package io.github.tokenfamilies.mobile;

import jakarta.ws.rs.WebApplicationException;

import io.github.tokenfamilies.clientpolicy.BrowserGuard;
import io.github.tokenfamilies.clientpolicy.OptedInClients;
import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;

/**
 * What {@code POST /mobile/logout} demands before it ends the family of a refresh token of {@code client}, the same as
 * {@code /token}: the browser guard when the token comes from the cookie or the client is in cookie mode, and
 * Keycloak's own client authentication (secret in the body, HTTP Basic, or whatever the client's authenticator takes)
 * when the client is confidential. Public clients without cookie mode need only the token.
 */
final class LogoutGuard {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientModel client;

    LogoutGuard(KeycloakSession session, RealmModel realm, ClientModel client) {
        this.session = session;
        this.realm = realm;
        this.client = client;
    }

    /**
     * Throws the §6 refusal (nothing is to be revoked); returns {@code false} when the authenticated client is not the
     * token's (not the caller's family: nothing to revoke, still a 204), {@code true} when the family may be ended.
     */
    boolean admits(MobileRequest request, boolean refreshTokenFromBody) throws FamilyException {
        boolean cookieMode = OptedInClients.of(session, realm).config(client.getClientId()).map(FamilyConfig::cookieMode).orElse(false);
        if (cookieMode || !refreshTokenFromBody) {
            BrowserGuard.requireBrowserRequest(session, client, refreshTokenFromBody);
        }
        return client.isPublicClient() || client.getId().equals(authenticate(request).getId());
    }

    private ClientModel authenticate(MobileRequest request) throws FamilyException {
        session.getContext().setHttpRequest(new FormRequest(session.getContext().getHttpRequest(), request.params()));
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.LOGOUT);
        try {
            return AuthorizeClientUtil.authorizeClient(session, event, null).getClient();
        } catch (WebApplicationException e) {
            throw new FamilyException(FamilyError.INVALID_CLIENT, "client authentication failed");
        }
    }
}
