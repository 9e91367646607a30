package io.github.tokenfamilies.mobile;

import io.github.tokenfamilies.TokenFamiliesProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Realm resource "mobile": {@code /realms/{realm}/mobile/…}. */
public class MobileResourceProviderFactory extends TokenFamiliesProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "mobile";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new MobileResourceProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
