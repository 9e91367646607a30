package io.github.tokenfamilies.accesstoken;

/** Introspection of token_type_hint=refresh_token, with the family rule of {@link FamilyIntrospection}. */
public final class RefreshTokenIntrospectionFactory extends FamilyIntrospectionFactory {

    /** Must equal the id of the stock provider it replaces. */
    public static final String PROVIDER_ID = "refresh_token";

    public RefreshTokenIntrospectionFactory() {
        super(StockIntrospection.refreshToken());
    }
}
