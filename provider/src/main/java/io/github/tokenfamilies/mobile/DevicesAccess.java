package io.github.tokenfamilies.mobile;

import io.github.tokenfamilies.clientpolicy.OptedInClients;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.Auth;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Which access tokens may use {@code /mobile/devices}: one issued to a client opted in to token families, or one
 * that Keycloak's account REST API would accept for the same operation, i.e. with the {@code account} client in
 * its audience and the account role {@code manage-account} ({@code view-profile} also suffices to list, as for
 * {@code GET /account/sessions}). Mirrors {@code AccountLoader}/{@code AccountRestService} of Keycloak 26.7.
 */
final class DevicesAccess {

    private DevicesAccess() {
    }

    static boolean allows(KeycloakSession session, RealmModel realm, AuthenticationManager.AuthResult auth, boolean write) {
        AccessToken token = auth.getToken();
        if (OptedInClients.of(session, realm).contains(token.getIssuedFor())) {
            return true;
        }
        ClientModel account = realm.getClientByClientId(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        if (account == null) {
            return false;
        }
        if (token.getAudience() == null || token.getResourceAccess(account.getClientId()) == null) {
            token = fullClaims(session, auth); // lightweight access tokens: as AccountLoader does
        }
        if (token == null || !token.hasAudience(account.getClientId())) {
            return false;
        }
        Auth roles = new Auth(realm, token, auth.getUser(), account, auth.getSession(), false);
        return write ? roles.hasClientRole(account, AccountRoles.MANAGE_ACCOUNT)
                : roles.hasOneOfAppRole(account, AccountRoles.MANAGE_ACCOUNT, AccountRoles.VIEW_PROFILE);
    }

    /** The token's claims as introspection computes them from its session (Keycloak 26.7 AccountLoader). */
    private static AccessToken fullClaims(KeycloakSession session, AuthenticationManager.AuthResult auth) {
        if (!(session.getProvider(TokenIntrospectionProvider.class, "access_token") instanceof AccessTokenIntrospectionProvider<?> p)
                || auth.getSession() == null) {
            return auth.getToken();
        }
        try {
            return p.transformAccessToken(auth.getToken(), auth.getSession());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
