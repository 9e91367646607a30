package io.github.tokenfamilies.rotation;

import java.util.List;

import io.github.tokenfamilies.config.BlastRadius;
import io.github.tokenfamilies.events.FamilyEvents;
import io.github.tokenfamilies.events.FamilyMetrics;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.RefreshToken;
import org.keycloak.util.TokenUtil;

/**
 * Revokes a family and whatever its blast radius covers. Runs in a transaction of its own: the request that
 * detected the theft answers with an error, and Keycloak rolls the request's own transaction back.
 */
public final class FamilyRevoker {

    /** Where a family lives: enough to find it again from any session. */
    public record Target(String realmId, String clientUuid, String userId, String sessionId, boolean offline, String familyId) {

        /**
         * Where a family token's family lives, or {@code null} for tokens outside any family. The user id comes from
         * the token's session (refresh tokens may lack "sub").
         */
        public static Target of(KeycloakSession session, RealmModel realm, ClientModel client, RefreshToken token) {
            FamilyClaims claims = FamilyClaims.of(token);
            if (claims == null) {
                return null;
            }
            boolean offline = TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType());
            UserSessionModel us = FamilyStore.userSession(session, realm, token.getSessionId(), offline);
            String userId = us != null ? us.getUser().getId() : token.getSubject();
            return new Target(realm.getId(), client.getId(), userId, token.getSessionId(), offline, claims.familyId());
        }
    }

    private FamilyRevoker() {
    }

    /**
     * Revokes the family; returns {@code true} when this call was the first to revoke it (cluster-wide), so that
     * the caller logs, counts and notifies once per detection.
     */
    public static boolean revoke(KeycloakSession session, Target t, String reason, BlastRadius radius) {
        boolean first = session.singleUseObjects().putIfAbsent("tf:revoked:" + t.familyId(), 3600);
        ClientConnection connection = session.getContext().getConnection();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
            RealmModel realm = s.realms().getRealm(t.realmId());
            s.getContext().setRealm(realm);
            ClientModel client = realm.getClientById(t.clientUuid());
            UserSessionModel us = FamilyStore.userSession(s, realm, t.sessionId(), t.offline());
            AuthenticatedClientSessionModel cs = us == null ? null : us.getAuthenticatedClientSessionByClient(t.clientUuid());
            FamilyState state = FamilyStore.read(cs, t.familyId());
            if (state != null && !state.isRevoked()) {
                FamilyStore.write(cs, t.familyId(), state.revoked(reason));
            }
            switch (radius) {
                case FAMILY -> {
                    if (cs != null && !FamilyStore.hasOtherLiveFamily(cs, t.familyId())) {
                        if (us.getAuthenticatedClientSessions().size() <= 1) {
                            remove(s, realm, us);
                        } else {
                            cs.detachFromUserSession();
                        }
                    }
                }
                case SESSION -> {
                    if (us != null) {
                        remove(s, realm, us);
                    }
                    UserSessionModel online = t.offline() ? s.sessions().getUserSession(realm, t.sessionId()) : null;
                    if (online != null) {
                        remove(s, realm, online);
                    }
                }
                case USER -> {
                    UserModel user = t.userId() == null ? null : s.users().getUserById(realm, t.userId());
                    if (user != null) {
                        List<UserSessionModel> online = s.sessions().getUserSessionsStream(realm, user).toList();
                        online.forEach(x -> remove(s, realm, x));
                        List<UserSessionModel> offline = s.sessions().getOfflineUserSessionsStream(realm, user).toList();
                        offline.forEach(x -> remove(s, realm, x));
                    }
                }
            }
            if (first) {
                FamilyMetrics.revocation(realm.getName(), reason);
                new EventBuilder(realm, s, connection).event(EventType.LOGOUT)
                        .client(client).user(t.userId()).session(t.sessionId())
                        .detail(FamilyEvents.FAMILY_ID, t.familyId())
                        .detail(FamilyEvents.REASON, reason)
                        .detail(FamilyEvents.BLAST_RADIUS, radius.value())
                        .success();
            }
        });
        return first;
    }

    private static void remove(KeycloakSession s, RealmModel realm, UserSessionModel us) {
        if (us.isOffline()) {
            s.sessions().removeOfflineUserSession(realm, us);
        } else {
            s.sessions().removeUserSession(realm, us);
        }
    }
}
