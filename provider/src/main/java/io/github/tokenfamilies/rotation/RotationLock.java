package io.github.tokenfamilies.rotation;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * "Generation N of family F has been presented for rotation": a cluster-wide, at-most-once marker in Keycloak's
 * single-use-object store ({@code putIfAbsent} is atomic across nodes and takes effect at once). It is released
 * if the rotating request rolls back or does not issue the next generation, and otherwise outlives the grace window; after it expires (or a full
 * restart) the durable generation in the family state still tells consumed tokens from the live one.
 * <p>
 * Once the rotation of generation N has committed, the marker of generation N-1 has no reader left (the family
 * state is at N+1, so N-1 is refused as reuse before any marker is consulted): it is dropped then, so that a
 * family rotating often keeps one or two markers, not one per rotation of the last minutes.
 */
final class RotationLock {

    private static final Logger LOG = Logger.getLogger(RotationLock.class);
    private static final int MARGIN_SECONDS = 120;
    /**
     * Lifespan of a marker while its rotation is in flight: far longer than a rotation takes, short enough that a
     * family whose rotating node died (SIGKILL) refreshes again soon after. Extended to the grace window plus
     * {@link #MARGIN_SECONDS} once the rotation committed.
     */
    static final int IN_FLIGHT_SECONDS = 60;
    private static final java.util.Map<String, String> MARKER = java.util.Map.of();

    private RotationLock() {
    }

    /**
     * Takes the marker of {@code rotation}'s generation. Once the request completes, the marker stays only if the
     * request committed the next generation ({@link Rotation#issued()}); a refresh that Keycloak refused after the
     * check, or that rolled back, releases it, so the family is left exactly as it was.
     *
     * @param previousRotatedAt when the family last rotated (epoch seconds), which is when the marker of the
     *                          previous generation was set: it is only worth dropping while it has not expired
     */
    static boolean tryAcquire(KeycloakSession session, Rotation rotation, long previousRotatedAt) {
        String familyId = rotation.familyId();
        long generation = rotation.fromGeneration();
        int graceSeconds = rotation.graceSeconds();
        String key = key(familyId, generation);
        if (!session.singleUseObjects().putIfAbsent(key, IN_FLIGHT_SECONDS)) {
            return false;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                if (!rotation.issued()) {
                    release(factory, key);
                    return;
                }
                if (generation > 1 && Time.currentTime() - previousRotatedAt <= graceSeconds + MARGIN_SECONDS) {
                    drop(session, key(familyId, generation - 1));
                }
            }

            @Override
            protected void rollbackImpl() {
                if (rotation.issued()) {
                    // The next generation may be in Keycloak's session cache although this request failed (Keycloak
                    // commits its cache even when the database commit fails): nobody received it.
                    KeycloakModelUtils.runJobInTransaction(factory, s -> s.singleUseObjects()
                            .put(undeliveredKey(familyId, generation + 1), graceSeconds + MARGIN_SECONDS, MARKER));
                }
                release(factory, key);
            }
        });
        return true;
    }

    /**
     * Called when the rotation issues the next generation: the marker's grace-window lifespan is written in the
     * request's own transaction, so it takes effect exactly when the rotation commits (and never if it rolls back).
     */
    static void holdThroughGrace(KeycloakSession session, Rotation rotation) {
        session.singleUseObjects().put(key(rotation.familyId(), rotation.fromGeneration()),
                rotation.graceSeconds() + MARGIN_SECONDS, MARKER);
    }

    /** The previous generation's marker has no reader left once the next rotation committed. */
    private static void drop(KeycloakSession session, String key) {
        try {
            session.singleUseObjects().remove(key);
        } catch (RuntimeException e) {
            LOG.debugf("could not drop the rotation marker %s early; it expires by itself: %s", key, e.toString());
        }
    }

    private static void release(KeycloakSessionFactory factory, String key) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> s.singleUseObjects().remove(key));
    }

    /**
     * Whether generation {@code generation} was written by a rotation whose request failed, so that its tokens
     * never reached anyone (recorded for the grace window plus a margin, before that rotation's marker is released).
     */
    static boolean isUndelivered(KeycloakSession session, String familyId, long generation) {
        return session.singleUseObjects().contains(undeliveredKey(familyId, generation));
    }

    private static String undeliveredKey(String familyId, long generation) {
        return "tf:undelivered:" + familyId + ":" + generation;
    }

    static boolean isTaken(KeycloakSession session, String familyId, long generation) {
        return session.singleUseObjects().contains(key(familyId, generation));
    }

    private static String key(String familyId, long generation) {
        return "tf:rot:" + familyId + ":" + generation;
    }
}
