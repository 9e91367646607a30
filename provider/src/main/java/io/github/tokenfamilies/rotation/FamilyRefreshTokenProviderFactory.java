package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.TokenFamiliesProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProviderFactory;

/** Refresh-token provider "token-families" (order 100): issues family tokens for opted-in clients only. */
public class FamilyRefreshTokenProviderFactory extends TokenFamiliesProviderFactory implements RefreshTokenProviderFactory {

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
    public String getId() {
        return PROVIDER_ID;
    }
}
