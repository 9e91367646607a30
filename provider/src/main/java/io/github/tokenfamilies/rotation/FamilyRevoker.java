package io.github.tokenfamilies.rotation;

import java.util.List;
import java.util.function.Consumer;

import io.github.tokenfamilies.config.BlastRadius;
import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.events.FamilyEvents;
import io.github.tokenfamilies.events.FamilyMetrics;
import io.github.tokenfamilies.events.RevokedDevices;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakSessionTaskWithResult;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.RefreshToken;
import org.keycloak.util.TokenUtil;

/**
 * Revokes a family and whatever its blast radius covers. Runs in a transaction of its own: the request that
 * detected the theft answers with an error, and Keycloak rolls the request's own transaction back. Every path that
 * ends a family (reuse, device mismatch, logout, user and admin device sign-out) comes through here.
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
            return claims == null ? null : of(session, realm, client, token, claims.familyId());
        }

        /** Where the family {@code familyId} of this token's session lives. */
        static Target of(KeycloakSession session, RealmModel realm, ClientModel client, RefreshToken token, String familyId) {
            return of(realm, client, token, familyId, FamilyStore.userSession(session, realm, token.getSessionId(), isOffline(token)));
        }

        /** As above, with the token's user session already looked up ({@code null}: gone). */
        static Target of(RealmModel realm, ClientModel client, RefreshToken token, String familyId, UserSessionModel us) {
            String userId = us != null ? us.getUser().getId() : token.getSubject();
            return new Target(realm.getId(), client.getId(), userId, token.getSessionId(), isOffline(token), familyId);
        }

        static boolean isOffline(RefreshToken token) {
            return TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType());
        }

        /** Whether the token is a refresh token (online or offline), not an access or ID token of the realm. */
        public static boolean isRefreshToken(RefreshToken token) {
            return TokenUtil.TOKEN_TYPE_REFRESH.equals(token.getType()) || isOffline(token);
        }
    }

    private FamilyRevoker() {
    }

    /**
     * Revokes the family and whatever the blast radius covers. In order: the {@link RevocationFence} goes up (at
     * once, cluster-wide), the family's cached grace reply is dropped, then one transaction records the revocation
     * note, applies the blast radius and stores the {@code LOGOUT} event; it throws if that transaction fails, so a
     * revocation is only ever answered once it is durable.
     *
     * @return {@code true} when this call recorded the revocation and is the first to report it (cluster-wide),
     * so that the caller logs, counts and notifies once; a revocation whose transaction failed consumed nothing,
     * so the next detection reports it (at least once)
     */
    public static boolean revoke(KeycloakSession session, Target t, String reason, BlastRadius radius) {
        return revoke(session, t, reason, radius, KeycloakModelUtils::runJobInTransactionWithResult);
    }

    /**
     * {@link #revoke(KeycloakSession, Target, String, BlastRadius)}, and {@code record} run with the revocation's own
     * session when this call records it: what it stores (an admin event) commits or rolls back with the revocation.
     */
    public static boolean revoke(KeycloakSession session, Target t, String reason, BlastRadius radius,
                                 Consumer<KeycloakSession> record) {
        return revoke(session, t, reason, radius, KeycloakModelUtils::runJobInTransactionWithResult, false, record);
    }

    /**
     * A theft verdict's revocation. For a token issued before the opt-in ({@code legacy}) whose family was never
     * recorded (two presentations racing its first refresh), the family is recorded at generation 0 as revoked, as
     * a sign-out does: otherwise only the fence would stand, and once it expired the token could start the family.
     */
    static boolean revokeOnTheft(KeycloakSession session, Target t, String reason, BlastRadius radius, boolean legacy) {
        return revoke(session, t, reason, radius, KeycloakModelUtils::runJobInTransactionWithResult, legacy, null);
    }

    /**
     * Whether a revocation of the family has begun (its fence is up): such a family is not live, whatever a
     * session says (the revocation may still be writing, or a session it removed may be back for a moment).
     */
    public static boolean begun(KeycloakSession session, String familyId) {
        return RevocationFence.isRaised(session, familyId);
    }

    /**
     * Revokes one family and leaves its session alone, whatever else lives in it: for a family that shares its
     * session with the family this request is starting (the device limit replacing a family of the same browser
     * session). Otherwise exactly {@link #revoke(KeycloakSession, Target, String, BlastRadius)} with radius family.
     */
    public static boolean revokeKeepingSession(KeycloakSession session, Target t, String reason) {
        return revoke(session, t, reason, null, KeycloakModelUtils::runJobInTransactionWithResult);
    }

    /**
     * A sign-out with a refresh token ({@code /mobile/logout}): ends its family. A token issued before its client
     * was opted in has no family yet; the one its first refresh would start ({@link LegacyToken}) is then recorded
     * as revoked, so that the signed-out token can never start it, whatever else keeps its session alive.
     */
    public static boolean signOut(KeycloakSession session, RealmModel realm, ClientModel client, RefreshToken token,
                                  String encoded) {
        FamilyClaims claims = FamilyClaims.of(token);
        boolean legacy = claims == null;
        String familyId = legacy ? LegacyToken.position(encoded).familyId() : claims.familyId();
        return revoke(session, Target.of(session, realm, client, token, familyId), "logout", BlastRadius.FAMILY,
                KeycloakModelUtils::runJobInTransactionWithResult, legacy, null);
    }

    /** Runs the revocation's own transaction (a seam for the unit test of a failing transaction). */
    interface Transaction {
        <V> V run(KeycloakSessionFactory factory, KeycloakSessionTaskWithResult<V> task);
    }

    /** @param radius {@code null}: the family only, its session stays whatever else lives in it */
    static boolean revoke(KeycloakSession session, Target t, String reason, BlastRadius radius, Transaction transaction) {
        return revoke(session, t, reason, radius, transaction, false, null);
    }

    /** @param unborn the family may not exist yet (a pre-opt-in token's): record it, at generation 0, to revoke it */
    private static boolean revoke(KeycloakSession session, Target t, String reason, BlastRadius radius, Transaction transaction,
                                  boolean unborn, Consumer<KeycloakSession> record) {
        RevocationFence.raise(session, t.familyId());
        GraceCache.drop(session, t.familyId());
        ClientConnection connection = session.getContext().getConnection();
        RemovedSessions removed = new RemovedSessions();
        String realmName = transaction.run(session.getKeycloakSessionFactory(), s -> {
            RealmModel realm = s.realms().getRealm(t.realmId());
            s.getContext().setRealm(realm);
            ClientModel client = realm.getClientById(t.clientUuid());
            UserSessionModel us = FamilyStore.userSession(s, realm, t.sessionId(), t.offline());
            AuthenticatedClientSessionModel cs = us == null ? null : us.getAuthenticatedClientSessionByClient(t.clientUuid());
            if (unborn && cs != null && FamilyStore.read(cs, t.familyId()) == null) {
                long now = Time.currentTime();
                FamilyStore.write(cs, t.familyId(), new FamilyState(0, now, now, 0, connection.getRemoteAddr(), null,
                        new DeclaredDevice(null, null, null, null, null), null));
            }
            FamilyState before = FamilyStore.read(cs, t.familyId());
            boolean wrote = before != null && FamilyStore.markRevoked(cs, t.familyId(), reason, Time.currentTime());
            if (!t.offline()) {
                removeOfflineCopy(s, realm, t);
            } else {
                FamilyStore.dropCopiesOfOnlineFamilies(s, cs);
            }
            if (radius != null) {
                applyBlastRadius(s, realm, t, radius, us, cs, removed);
                for (RemovedSessions.EndedFamily e : removed.ended()) { // the other families the blast radius ended
                    if (!e.familyId().equals(t.familyId())) {
                        UserSessionModel owner = e.clientSession().getUserSession();
                        revocationEvent(new EventBuilder(realm, s, connection), e.clientSession().getClient(),
                                new Target(t.realmId(), e.clientSession().getClient().getId(), t.userId(), owner.getId(),
                                        owner.isOffline(), e.familyId()), e.state(), reason, radius);
                    }
                }
            }
            if (wrote) {
                RevokedDevices.remember(s, t.familyId(), before.device());
                revocationEvent(new EventBuilder(realm, s, connection), client, t, before, reason,
                        radius == null ? BlastRadius.FAMILY : radius);
                if (record != null) {
                    record.accept(s);
                }
            }
            return wrote ? realm.getName() : null;
        });
        // Every revocation, not only those that removed sessions: a refresh that checked the fence just before it
        // went up can commit after this transaction and write its client session back without the revocation note.
        RevocationRecheck.schedule(session.getKeycloakSessionFactory(), t, reason, removed, radius == null);
        boolean first = realmName != null && session.singleUseObjects().putIfAbsent("tf:reported:" + t.familyId(), 3600);
        if (first) {
            FamilyMetrics.revocation(realmName, reason);
        }
        return first;
    }

    /**
     * The revocation's event: {@code LOGOUT} for a sign-out (logout, user, admin); {@code LOGOUT_ERROR} with the §6
     * code as its error for a theft, so that it is never shown as a successful ordinary logout and the Events page's
     * type filter finds every theft.
     */
    private static void revocationEvent(EventBuilder event, ClientModel client, Target t, FamilyState state, String reason,
                                        BlastRadius radius) {
        boolean theft = FamilyError.REFRESH_TOKEN_REUSED.code().equals(reason) || FamilyError.DEVICE_MISMATCH.code().equals(reason);
        event.event(theft ? EventType.LOGOUT_ERROR : EventType.LOGOUT).client(client).user(t.userId()).session(t.sessionId());
        FamilyEvents.family(event, t.familyId(), state.generation(), state.device())
                .detail(FamilyEvents.REVOKE_REASON, reason)
                .detail(FamilyEvents.BLAST_RADIUS, radius.value());
        if (theft) {
            event.detail(FamilyEvents.FAMILY_ERROR, reason).error(reason);
        } else {
            event.success();
        }
    }

    private static void applyBlastRadius(KeycloakSession s, RealmModel realm, Target t, BlastRadius radius,
                                         UserSessionModel us, AuthenticatedClientSessionModel cs, RemovedSessions removed) {
        switch (radius) {
            case FAMILY -> endSessionIfLast(s, realm, us, cs, t.familyId(), removed);
            case SESSION -> {
                if (us != null) {
                    removed.remove(s, realm, us);
                }
                UserSessionModel online = t.offline() ? s.sessions().getUserSession(realm, t.sessionId()) : null;
                if (online != null) {
                    removed.remove(s, realm, online);
                }
            }
            case USER -> {
                UserModel user = t.userId() == null ? null : s.users().getUserById(realm, t.userId());
                if (user != null) {
                    List<UserSessionModel> online = s.sessions().getUserSessionsStream(realm, user).toList();
                    online.forEach(x -> removed.remove(s, realm, x));
                    List<UserSessionModel> offline = s.sessions().getOfflineUserSessionsStream(realm, user).toList();
                    offline.forEach(x -> removed.remove(s, realm, x));
                }
            }
        }
    }

    /**
     * The revoked family's client session ends when no other live family is left in it: the whole user session
     * when it has no other client session, otherwise just the client session.
     */
    static void endSessionIfLast(KeycloakSession s, RealmModel realm, UserSessionModel us, AuthenticatedClientSessionModel cs,
                                 String familyId, RemovedSessions removed) {
        if (cs != null && !FamilyStore.hasOtherLiveFamily(cs, familyId)) {
            if (us.getAuthenticatedClientSessions().size() <= 1) {
                removed.remove(s, realm, us);
            } else {
                removed.detach(cs);
            }
        }
    }

    /** A copy of an online family that Keycloak put into the offline session before 0.2 cleaned such copies up. */
    private static void removeOfflineCopy(KeycloakSession s, RealmModel realm, Target t) {
        UserSessionModel offline = s.sessions().getOfflineUserSession(realm, t.sessionId());
        AuthenticatedClientSessionModel copy = offline == null ? null : offline.getAuthenticatedClientSessionByClient(t.clientUuid());
        if (copy != null && copy.getNote(FamilyStore.NOTE_PREFIX + t.familyId()) != null) {
            FamilyStore.remove(copy, t.familyId());
        }
    }
}
