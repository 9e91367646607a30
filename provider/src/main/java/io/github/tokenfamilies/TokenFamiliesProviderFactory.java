package io.github.tokenfamilies;

import io.github.tokenfamilies.compat.KeycloakVersion;

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

    /** Whichever of our factories Keycloak initialises first reports the Keycloak version verdict (once). */
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakVersion.report(TokenFamilies.VERSION);
    }

    public void close() {
    }
}
