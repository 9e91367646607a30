package io.github.tokenfamilies.rotation;

import java.util.Map;

import io.github.tokenfamilies.TokenFamilies;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Refresh-token provider "token-families" (order 100): issues family tokens for opted-in clients only. */
public class FamilyRefreshTokenProviderFactory implements RefreshTokenProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "token-families";

    @Override
    public RefreshTokenProvider create(KeycloakSession session) {
        return new FamilyRefreshTokenProvider(session);
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return TokenFamilies.serverInfo();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
