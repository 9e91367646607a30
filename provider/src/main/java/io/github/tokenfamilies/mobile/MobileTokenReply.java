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
        long now = Time.currentTime();
        out.put("server_time", now);
        if (token != null && token.getIat() != null && now - token.getIat() > 1) { // a grace replay: decode only then
            remaining(out, "expires_in", expiry(in.path("access_token").asText(null)), now);
            remaining(out, "refresh_expires_in", token.getExp() == null ? 0 : token.getExp(), now);
        }
        return out;
    }

    /**
     * A grace replay's cached reply was issued up to the grace window ago: its lifetimes are counted down to what is
     * left at {@code now}, so that {@code server_time + expires_in} stays the real deadline (and the cookie's
     * Max-Age with it). A fresh reply is left exactly as Keycloak wrote it.
     */
    private static void remaining(ObjectNode out, String field, long exp, long now) {
        if (exp <= 0 || !out.hasNonNull(field)) {
            return;
        }
        long left = Math.max(0, exp - now);
        if (out.get(field).asLong() - left > 1) {
            out.put(field, left);
        }
    }

    private static long expiry(String jws) {
        try {
            Long exp = jws == null ? null : new JWSInput(jws).readJsonContent(org.keycloak.representations.AccessToken.class).getExp();
            return exp == null ? 0 : exp;
        } catch (JWSInputException | RuntimeException e) {
            return 0; // not a JWS (an opaque token): Keycloak's own value stays
        }
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
