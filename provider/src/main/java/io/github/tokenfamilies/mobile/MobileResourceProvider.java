package io.github.tokenfamilies.mobile;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands Keycloak the {@link MobileResource} of the current request. */
final class MobileResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    MobileResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new MobileResource(session);
    }

    @Override
    public void close() {
    }
}
