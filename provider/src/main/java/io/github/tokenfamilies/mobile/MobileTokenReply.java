package io.github.tokenfamilies.mobile;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tokenfamilies.rotation.FamilyClaims;
import io.github.tokenfamilies.rotation.FamilyState;
import io.github.tokenfamilies.rotation.FamilyStore;
import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.SessionExpirationUtils;
import org.keycloak.representations.RefreshToken;
import org.keycloak.util.JsonSerialization;
import org.keycloak.util.TokenUtil;

/** The §5 success body, built from Keycloak's token reply plus the family's position and deadlines. */
final class MobileTokenReply {

    private final KeycloakSession session;
    private final RealmModel realm;

    MobileTokenReply(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The body; the refresh token is left out in cookie mode (it travels in the cookie). */
    ObjectNode build(JsonNode in, boolean cookieMode) {
        ObjectNode out = JsonSerialization.mapper.createObjectNode();
        copy(in, out, "access_token", "token_type", "expires_in");
        if (!cookieMode) {
            copy(in, out, "refresh_token");
        }
        copy(in, out, "refresh_expires_in", "id_token", "scope");
        String rt = in.path("refresh_token").asText(null);
        RefreshToken token = rt == null ? null : issued(rt);
        out.set("family", family(token));
        out.put("server_time", Time.currentTime());
        return out;
    }

    /**
     * The claims of the refresh token Keycloak's own grant processing just issued (or the authenticated cached
     * reply of a grace replay), read without checking its signature again: it never came from the caller.
     */
    private static RefreshToken issued(String rt) {
        try {
            return new JWSInput(rt).readJsonContent(RefreshToken.class);
        } catch (JWSInputException e) {
            return null;
        }
    }

    private JsonNode family(RefreshToken token) {
        FamilyClaims claims = FamilyClaims.of(token);
        if (claims == null) {
            return JsonSerialization.mapper.nullNode();
        }
        ObjectNode f = JsonSerialization.mapper.createObjectNode();
        f.put("id", claims.familyId());
        f.put("generation", claims.generation());
        boolean offline = TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType());
        ClientModel client = realm.getClientByClientId(token.getIssuedFor());
        AuthenticatedClientSessionModel cs = client == null ? null
                : FamilyStore.clientSession(session, realm, client, token.getSessionId(), offline);
        FamilyState state = FamilyStore.read(cs, claims.familyId());
        f.put("device_id", state == null ? null : state.device().id());
        if (cs != null) {
            boolean rememberMe = cs.getUserSession().isRememberMe();
            long idle = SessionExpirationUtils.calculateClientSessionIdleTimestamp(offline, rememberMe,
                    TimeUnit.SECONDS.toMillis(cs.getTimestamp()), realm, client);
            long max = SessionExpirationUtils.calculateClientSessionMaxLifespanTimestamp(offline, rememberMe,
                    TimeUnit.SECONDS.toMillis(cs.getStarted()), TimeUnit.SECONDS.toMillis(cs.getUserSession().getStarted()), realm, client);
            f.put("idle_expires_at", idle > 0 ? TimeUnit.MILLISECONDS.toSeconds(idle) : null);
            f.put("expires_at", max > 0 ? TimeUnit.MILLISECONDS.toSeconds(max) : null);
        }
        return f;
    }

    private static void copy(JsonNode in, ObjectNode out, String... fields) {
        for (String f : fields) {
            if (in.hasNonNull(f)) {
                out.set(f, in.get(f));
            }
        }
    }
}
