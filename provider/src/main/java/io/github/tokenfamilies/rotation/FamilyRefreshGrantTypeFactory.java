package io.github.tokenfamilies.rotation;

import java.util.Map;

import io.github.tokenfamilies.TokenFamilies;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.RefreshTokenGrantTypeFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Replaces Keycloak's {@code refresh_token} grant (same id, same shortcut "rt"; on equal order Keycloak prefers the
 * factory outside its own packages). Behaviour for clients that are not opted in is the stock grant's.
 */
public class FamilyRefreshGrantTypeFactory extends RefreshTokenGrantTypeFactory implements ServerInfoAwareProviderFactory {

    /** Must equal the grant type it replaces. */
    public static final String PROVIDER_ID = "refresh_token";

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new FamilyRefreshGrantType();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return TokenFamilies.serverInfo();
    }
}
