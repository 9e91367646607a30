package io.github.tokenfamilies.rotation;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Makes a revocation stick. With persistent sessions, Keycloak (26.4–26.7) imports a session that is missing from
 * its session cache from the database row it just read; a request that read the row of a session while a
 * revocation was removing it (a refresh of the family in flight, any sessions listing of the user) puts the removed
 * session back into the cache, where it lives on with its family. And a refresh that checked the fence just before
 * it went up commits after the revocation: if its write of the client session does not carry the revocation note,
 * the family is left fenced but not recorded. The {@link RevocationFence} refuses the family meanwhile; this
 * re-check, scheduled for every revocation and run a few times over the next half minute, removes such a session
 * again and records the revocation note if the family came back without it. Runs on the node that
 * revoked, in transactions of its own; a node that dies before its re-checks leaves the fence (an hour) and the
 * session's idle timeout to end the family (README, known limitations).
 */
final class RevocationRecheck {

    private static final Logger LOG = Logger.getLogger(RevocationRecheck.class);
    /** Seconds after the revocation: well past the milliseconds a request takes between reading and importing. */
    private static final int[] DELAYS = {1, 5, 30};
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "token-families-revocation-recheck");
        t.setDaemon(true);
        return t;
    });

    private RevocationRecheck() {
    }

    /** @param keepSession the revocation left the family's session alone (the device limit's replacement) */
    static void schedule(KeycloakSessionFactory factory, FamilyRevoker.Target t, String reason, RemovedSessions removed,
                         boolean keepSession) {
        for (int delay : DELAYS) {
            TIMER.schedule(() -> run(factory, t, reason, removed, keepSession), delay, TimeUnit.SECONDS);
        }
    }

    private static void run(KeycloakSessionFactory factory, FamilyRevoker.Target t, String reason, RemovedSessions removed,
                            boolean keepSession) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel realm = s.realms().getRealm(t.realmId());
                if (realm == null) {
                    return;
                }
                s.getContext().setRealm(realm);
                UserSessionModel us = FamilyStore.userSession(s, realm, t.sessionId(), t.offline());
                AuthenticatedClientSessionModel cs = us == null ? null : us.getAuthenticatedClientSessionByClient(t.clientUuid());
                FamilyState state = FamilyStore.read(cs, t.familyId());
                boolean familyBack = state != null && FamilyStore.markRevoked(cs, t.familyId(), reason, Time.currentTime());
                RemovedSessions again = new RemovedSessions();
                if (familyBack && !keepSession) { // its client session came back without the note: end it as the revocation did
                    FamilyRevoker.endSessionIfLast(s, realm, us, cs, t.familyId(), again);
                }
                int sessionsBack = removed.removeAgain(s, realm);
                if (familyBack || sessionsBack > 0) {
                    LOG.infof("Token family %s was back in Keycloak's session cache after its revocation (a concurrent "
                            + "read re-imported %s); revoked again", t.familyId(),
                            sessionsBack > 0 ? sessionsBack + " removed session(s)" : "its client session");
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf("re-check of the revocation of token family %s failed (the fence still refuses it): %s",
                    t.familyId(), e.toString());
        }
    }
}
