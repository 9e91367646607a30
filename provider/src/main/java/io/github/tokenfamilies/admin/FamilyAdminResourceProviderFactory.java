package io.github.tokenfamilies.admin;

import java.util.Map;

import io.github.tokenfamilies.TokenFamilies;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/** Admin REST extension "token-families": {@code /admin/realms/{realm}/token-families/…}. */
public class FamilyAdminResourceProviderFactory implements AdminRealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "token-families";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new FamilyAdminResourceProvider();
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
