package io.github.tokenfamilies.accesstoken;

import org.keycloak.authorization.protection.introspect.RPTIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.RefreshTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProviderFactory;

/**
 * The stock introspection providers that {@link FamilyIntrospection} wraps. These are internal Keycloak classes
 * (keycloak-services 26.7.3, SPI {@code oauth2-token-introspection}); this is the only place that names them, so an
 * upgrade that moves one breaks the build here, and AccessTokenRevocationIT checks the behaviour.
 * All three token-type hints are wrapped: the endpoint lets the caller choose the provider by {@code token_type_hint},
 * and the requesting-party-token provider introspects plain access tokens too.
 */
final class StockIntrospection {

    private StockIntrospection() {
    }

    static TokenIntrospectionProviderFactory accessToken() {
        return new AccessTokenIntrospectionProviderFactory();
    }

    static TokenIntrospectionProviderFactory refreshToken() {
        return new RefreshTokenIntrospectionProviderFactory();
    }

    static TokenIntrospectionProviderFactory requestingPartyToken() {
        return new RPTIntrospectionProviderFactory();
    }
}
