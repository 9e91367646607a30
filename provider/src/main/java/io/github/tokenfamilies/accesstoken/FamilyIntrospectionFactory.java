package io.github.tokenfamilies.accesstoken;

import io.github.tokenfamilies.TokenFamiliesProviderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.protocol.oidc.TokenIntrospectionProviderFactory;

/**
 * Replaces one stock introspection provider by the same provider wrapped in {@link FamilyIntrospection}. Same id
 * and same (default) order as the stock factory: on a tie Keycloak's ProviderManager prefers the factory outside
 * {@code org.keycloak} packages.
 */
abstract class FamilyIntrospectionFactory extends TokenFamiliesProviderFactory implements TokenIntrospectionProviderFactory {

    private final TokenIntrospectionProviderFactory stock;

    FamilyIntrospectionFactory(TokenIntrospectionProviderFactory stock) {
        this.stock = stock;
    }

    @Override
    public TokenIntrospectionProvider create(KeycloakSession session) {
        return new FamilyIntrospection(session, stock.create(session));
    }

    @Override
    public String getId() {
        return stock.getId();
    }

    @Override
    public void init(Config.Scope config) {
        stock.init(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        stock.postInit(factory);
    }

    @Override
    public void close() {
        stock.close();
    }
}
