package io.github.tokenfamilies.admin;

import io.github.tokenfamilies.TokenFamiliesProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/** Admin REST extension "token-families": {@code /admin/realms/{realm}/token-families/…}. */
public class FamilyAdminResourceProviderFactory extends TokenFamiliesProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "token-families";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new FamilyAdminResourceProvider();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
