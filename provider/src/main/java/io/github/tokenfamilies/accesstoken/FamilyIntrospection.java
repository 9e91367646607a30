package io.github.tokenfamilies.accesstoken;

import java.io.IOException;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.events.FamilyEvents;
import io.github.tokenfamilies.events.RevokedDevices;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.util.JsonSerialization;

/**
 * Keycloak's own introspection, plus one rule: a token whose signature checks out and whose family (claim
 * {@code tf_fid}) no longer stands is reported {@code {"active": false}}. Tokens without the claim go to the stock
 * provider untouched. The introspecting client is usually a resource server, not the opted-in client, so this
 * cannot be a client-policy executor.
 */
final class FamilyIntrospection implements TokenIntrospectionProvider {

    private final KeycloakSession session;
    private final TokenIntrospectionProvider stock;

    FamilyIntrospection(KeycloakSession session, TokenIntrospectionProvider stock) {
        this.session = session;
        this.stock = stock;
    }

    @Override
    public Response introspect(String token, EventBuilder event) {
        AccessToken family = familyToken(token);
        if (family != null && !FamilyStanding.stands(session, session.getContext().getRealm(), family)) {
            String familyId = FamilyStanding.familyId(family);
            FamilyEvents.family(event, familyId, null, RevokedDevices.recall(session, familyId))
                    .detail(FamilyEvents.FAMILY_ERROR, FamilyError.FAMILY_REVOKED.code())
                    .detail(Details.REASON, "token family revoked")
                    .error(Errors.INVALID_TOKEN);
            return inactive();
        }
        return stock.introspect(token, event);
    }

    /** The token if it names a family and carries a valid signature of this realm; {@code null} otherwise. */
    private AccessToken familyToken(String token) {
        try {
            if (token == null || FamilyStanding.familyId(new JWSInput(token).readJsonContent(AccessToken.class)) == null) {
                return null; // the common case costs no second signature check
            }
        } catch (JWSInputException | RuntimeException e) {
            return null; // not a JWS: the stock provider answers
        }
        return session.tokens().decode(token, AccessToken.class);
    }

    private static Response inactive() {
        try {
            return Response.ok(JsonSerialization.writeValueAsBytes(Map.of("active", false)))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stock.close();
    }
}
