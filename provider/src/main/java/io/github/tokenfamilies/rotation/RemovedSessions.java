package io.github.tokenfamilies.rotation;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * The Keycloak sessions one revocation removed (user sessions, by id) or detached (client sessions): what
 * {@link RevocationRecheck} looks at again. User session ids are never reused, so a user session with one of these
 * ids that exists later is the removed one, brought back into the session cache, and is removed again. A client
 * session's id is its user session and client, which a new login of that client in that session takes again: a
 * detached client session that reappears is only ended again if it still holds the revoked family and no live one
 * ({@link FamilyRevoker#endSessionIfLast}).
 */
final class RemovedSessions {

    private record UserSessionRef(String id, boolean offline) {
    }

    /** A live family that went with a removed session: what its revocation event names. */
    record EndedFamily(AuthenticatedClientSessionModel clientSession, String familyId, FamilyState state) {
    }

    private final List<UserSessionRef> userSessions = new ArrayList<>();
    private final List<EndedFamily> ended = new ArrayList<>();
    private boolean detached;

    /**
     * Removes the user session now, and remembers it. Every live family in it gets its fence first: the families a
     * blast radius ends along with the revoked one are refused at once, also if a concurrent read brings the
     * session back into Keycloak's cache before the re-check removes it again.
     */
    void remove(KeycloakSession s, RealmModel realm, UserSessionModel us) {
        userSessions.add(new UserSessionRef(us.getId(), us.isOffline()));
        us.getAuthenticatedClientSessions().values().forEach(cs -> FamilyStore.all(cs).forEach((id, state) -> {
            if (!state.isRevoked()) {
                RevocationFence.raise(s, id);
                ended.add(new EndedFamily(cs, id, state));
            }
        }));
        removeNow(s, realm, us);
    }

    /** Detaches the client session from its user session now. */
    void detach(AuthenticatedClientSessionModel cs) {
        detached = true;
        cs.detachFromUserSession();
    }

    /** The live families the removed sessions held, in removal order. */
    List<EndedFamily> ended() {
        return ended;
    }

    boolean isEmpty() {
        return userSessions.isEmpty() && !detached;
    }

    /** Removes again whichever of the removed user sessions exists; returns how many did. */
    int removeAgain(KeycloakSession s, RealmModel realm) {
        int back = 0;
        for (UserSessionRef ref : userSessions) {
            UserSessionModel us = FamilyStore.userSession(s, realm, ref.id(), ref.offline());
            if (us != null) {
                removeNow(s, realm, us);
                back++;
            }
        }
        return back;
    }

    private static void removeNow(KeycloakSession s, RealmModel realm, UserSessionModel us) {
        if (us.isOffline()) {
            s.sessions().removeOfflineUserSession(realm, us);
        } else {
            s.sessions().removeUserSession(realm, us);
        }
    }
}
