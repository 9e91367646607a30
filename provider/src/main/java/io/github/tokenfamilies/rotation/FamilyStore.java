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
 * Where families live: notes on the Keycloak client session (online or offline) that the family's refresh tokens
 * belong to. Keycloak persists and replicates these notes with the session, so family state survives restarts and
 * is shared by cluster nodes, and it disappears when the session does.
 * <p>
 * Two notes per family, with different writers (docs/families.md, "Why a verdict is final"):
 * <ul>
 *   <li>{@code tf.f.<id>}: the position (generation, timestamps, device), written by logins and rotations only;</li>
 *   <li>{@code tf.r.<id>}: the revocation reason, written by revocations only and never removed while the family
 *   note exists.</li>
 * </ul>
 * Keycloak applies a client-session note change as a change of that one note (not as a copy of the whole note
 * map), so a rotation that read the family before it was revoked can never write the revocation away.
 */
public final class FamilyStore {

    /** Prefix of the client-session notes holding family state. */
    public static final String NOTE_PREFIX = "tf.f.";
    /** Prefix of the client-session notes holding a family's revocation (written by revocations only). */
    public static final String REVOKED_PREFIX = "tf.r.";
    /** At most this many families (live or revoked) per client session; the oldest are dropped first. */
    static final int MAX_FAMILIES_PER_CLIENT_SESSION = 16;
    /**
     * A revoked family's notes are only dropped to make room once its revocation is this old: long after any
     * rotation that read the family before the revocation could still commit (so it cannot re-create a live note).
     */
    static final int DROP_REVOKED_AFTER_SECONDS = 900;

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

    /** The family's state, revoked when its revocation note exists; {@code null} when the family is not here. */
    public static FamilyState read(AuthenticatedClientSessionModel cs, String familyId) {
        if (cs == null) {
            return null;
        }
        return merge(FamilyState.decode(cs.getNote(NOTE_PREFIX + familyId)), cs.getNote(REVOKED_PREFIX + familyId));
    }

    /** Writes the family's position: logins and rotations only. Never touches the revocation note. */
    public static void write(AuthenticatedClientSessionModel cs, String familyId, FamilyState state) {
        cs.setNote(NOTE_PREFIX + familyId, state.encode());
    }

    /** Records the revocation: revocations only. Returns {@code false} when it was already recorded. */
    static boolean markRevoked(AuthenticatedClientSessionModel cs, String familyId, String reason, long now) {
        if (cs.getNote(REVOKED_PREFIX + familyId) != null) {
            return false;
        }
        cs.setNote(REVOKED_PREFIX + familyId, now + " " + reason);
        return true;
    }

    /** When the revocation note was written (epoch seconds); 0 when unknown or absent. */
    private static long revokedAt(String note) {
        int space = note == null ? -1 : note.indexOf(' ');
        try {
            return space < 0 ? 0 : Long.parseLong(note.substring(0, space));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Removes every trace of the family from this client session. */
    static void remove(AuthenticatedClientSessionModel cs, String familyId) {
        cs.removeNote(NOTE_PREFIX + familyId);
        cs.removeNote(REVOKED_PREFIX + familyId);
    }

    /**
     * Keycloak copies the online client session's notes into the offline one when an offline session is created.
     * A family note in an offline client session that also exists in its online twin is such a copy, not a family
     * of the offline session: it is removed, so every family lives in exactly one place.
     */
    static void dropCopiesOfOnlineFamilies(KeycloakSession session, AuthenticatedClientSessionModel offline) {
        if (offline == null || !offline.getUserSession().isOffline()) {
            return;
        }
        UserSessionModel online = session.sessions().getUserSession(offline.getRealm(), offline.getUserSession().getId());
        AuthenticatedClientSessionModel twin = online == null ? null : online.getAuthenticatedClientSessionByClient(offline.getClient().getId());
        if (twin == null) {
            return;
        }
        Map<String, String> onlineNotes = twin.getNotes();
        offline.getNotes().keySet().stream()
                .filter(k -> k.startsWith(NOTE_PREFIX) && onlineNotes.containsKey(k))
                .map(k -> k.substring(NOTE_PREFIX.length()))
                .toList()
                .forEach(id -> remove(offline, id));
    }

    private static FamilyState merge(FamilyState position, String revokedNote) {
        if (position == null || revokedNote == null || position.isRevoked()) {
            return position;
        }
        int space = revokedNote.indexOf(' ');
        return position.revoked(space < 0 ? revokedNote : revokedNote.substring(space + 1));
    }

    /** Every family of a client session, by family id. */
    public static Map<String, FamilyState> all(AuthenticatedClientSessionModel cs) {
        Map<String, FamilyState> out = new LinkedHashMap<>();
        if (cs == null) {
            return out;
        }
        Map<String, String> notes = cs.getNotes();
        notes.forEach((k, v) -> {
            if (k.startsWith(NOTE_PREFIX)) {
                String id = k.substring(NOTE_PREFIX.length());
                FamilyState s = merge(FamilyState.decode(v), notes.get(REVOKED_PREFIX + id));
                if (s != null) {
                    out.put(id, s);
                }
            }
        });
        return out;
    }

    /** Whether any family other than {@code familyId} in this client session is still live. */
    public static boolean hasOtherLiveFamily(AuthenticatedClientSessionModel cs, String familyId) {
        return all(cs).entrySet().stream().anyMatch(e -> !e.getKey().equals(familyId) && !e.getValue().isRevoked());
    }

    /**
     * Keeps the client session under the family cap before a new family is added: families revoked long enough
     * ago go first, then the least recently refreshed live ones (which end as if revoked).
     */
    static void makeRoom(AuthenticatedClientSessionModel cs, long now) {
        Map<String, FamilyState> families = all(cs);
        int excess = families.size() - (MAX_FAMILIES_PER_CLIENT_SESSION - 1);
        if (excess <= 0) {
            return;
        }
        families.entrySet().stream()
                .filter(e -> !e.getValue().isRevoked()
                        || now - revokedAt(cs.getNote(REVOKED_PREFIX + e.getKey())) > DROP_REVOKED_AFTER_SECONDS)
                .sorted(Comparator.<Map.Entry<String, FamilyState>, Boolean>comparing(e -> !e.getValue().isRevoked())
                        .thenComparingLong(e -> e.getValue().lastRefreshAt()))
                .limit(excess)
                .forEach(e -> remove(cs, e.getKey()));
    }
}
