package io.github.tokenfamilies;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * What every factory of ours shares: no server-wide configuration, nothing to set up or release, and the
 * extension's version in the admin console's Server Info. Subclasses add their SPI interface and {@code create}.
 */
public abstract class TokenFamiliesProviderFactory implements ServerInfoAwareProviderFactory {

    @Override
    public Map<String, String> getOperationalInfo() {
        return TokenFamilies.serverInfo();
    }

    public void init(Config.Scope config) {
    }

    public void postInit(KeycloakSessionFactory factory) {
    }

    public void close() {
    }
}
