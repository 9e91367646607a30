package io.github.tokenfamilies.accesstoken;

/** Introspection of token_type_hint=requesting_party_token, with the family rule of {@link FamilyIntrospection}. */
public final class RequestingPartyTokenIntrospectionFactory extends FamilyIntrospectionFactory {

    /** Must equal the id of the stock provider it replaces. */
    public static final String PROVIDER_ID = "requesting_party_token";

    public RequestingPartyTokenIntrospectionFactory() {
        super(StockIntrospection.requestingPartyToken());
    }
}
