package io.github.tokenfamilies.accesstoken;

/** Introspection of access tokens (the endpoint's default), with the family rule of {@link FamilyIntrospection}. */
public final class AccessTokenIntrospectionFactory extends FamilyIntrospectionFactory {

    /** Must equal the id of the stock provider it replaces. */
    public static final String PROVIDER_ID = "access_token";

    public AccessTokenIntrospectionFactory() {
        super(StockIntrospection.accessToken());
    }
}
