package io.github.tokenfamilies.rotation;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * Where families live: one note per family on the Keycloak client session (online or offline) that the family's
 * refresh tokens belong to. Keycloak persists and replicates these notes with the session, so family state
 * survives restarts and is shared by cluster nodes, and it disappears when the session does.
 */
public final class FamilyStore {

    /** Prefix of the client-session notes holding family state. */
    public static final String NOTE_PREFIX = "tf.f.";
    /** At most this many families (live or revoked) per client session; the oldest are dropped first. */
    static final int MAX_FAMILIES_PER_CLIENT_SESSION = 16;

    private FamilyStore() {
    }

    public static UserSessionModel userSession(KeycloakSession session, RealmModel realm, String sessionId, boolean offline) {
        if (sessionId == null) {
            return null;
        }
        return offline ? session.sessions().getOfflineUserSession(realm, sessionId)
                : session.sessions().getUserSession(realm, sessionId);
    }

    public static AuthenticatedClientSessionModel clientSession(KeycloakSession session, RealmModel realm, ClientModel client,
                                                                String sessionId, boolean offline) {
        UserSessionModel us = userSession(session, realm, sessionId, offline);
        return us == null ? null : us.getAuthenticatedClientSessionByClient(client.getId());
    }

    public static FamilyState read(AuthenticatedClientSessionModel cs, String familyId) {
        return cs == null ? null : FamilyState.decode(cs.getNote(NOTE_PREFIX + familyId));
    }

    public static void write(AuthenticatedClientSessionModel cs, String familyId, FamilyState state) {
        cs.setNote(NOTE_PREFIX + familyId, state.encode());
    }

    /** Every family of a client session, by family id. */
    public static Map<String, FamilyState> all(AuthenticatedClientSessionModel cs) {
        Map<String, FamilyState> out = new LinkedHashMap<>();
        if (cs == null) {
            return out;
        }
        cs.getNotes().forEach((k, v) -> {
            if (k.startsWith(NOTE_PREFIX)) {
                FamilyState s = FamilyState.decode(v);
                if (s != null) {
                    out.put(k.substring(NOTE_PREFIX.length()), s);
                }
            }
        });
        return out;
    }

    /** Whether any family other than {@code familyId} in this client session is still live. */
    public static boolean hasOtherLiveFamily(AuthenticatedClientSessionModel cs, String familyId) {
        return all(cs).entrySet().stream().anyMatch(e -> !e.getKey().equals(familyId) && !e.getValue().isRevoked());
    }

    /** Keeps the client session under the family cap before a new family is added: revoked ones go first. */
    static void makeRoom(AuthenticatedClientSessionModel cs) {
        Map<String, FamilyState> families = all(cs);
        int excess = families.size() - (MAX_FAMILIES_PER_CLIENT_SESSION - 1);
        if (excess <= 0) {
            return;
        }
        families.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, FamilyState>, Boolean>comparing(e -> !e.getValue().isRevoked())
                        .thenComparingLong(e -> e.getValue().lastRefreshAt()))
                .limit(excess)
                .forEach(e -> cs.removeNote(NOTE_PREFIX + e.getKey()));
    }
}
