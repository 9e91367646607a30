package io.github.tokenfamilies.rotation;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * "Generation N of family F has been presented for rotation": a cluster-wide, at-most-once marker in Keycloak's
 * single-use-object store ({@code putIfAbsent} is atomic across nodes and takes effect at once). It is released
 * if the rotating request rolls back or does not issue the next generation, and otherwise lives for
 * {@link #lifespan(int)}: past the grace window, after which the durable generation in the family state (and its
 * rotation time) tells consumed tokens from the live one on its own.
 * <p>
 * The marker is written once, with its final lifespan, and never touched again on success: no second write when
 * the rotation commits and no removal of the previous generation's marker. Each of those was a synchronous round
 * trip to the other nodes of a cluster on every rotation (issue 15). A committed marker has no reader once the
 * family has moved two generations on (that token is refused as reuse from the state before any marker is read),
 * so leaving it to expire costs only memory: one small entry per rotation of the last {@link #lifespan(int)}
 * seconds, without a payload (docs/decisions.md).
 */
final class RotationLock {

    /**
     * The least a marker lives: far longer than a rotation takes, short enough that a family whose rotating node
     * died (SIGKILL) refreshes again soon after.
     */
    static final int MIN_SECONDS = 60;
    /**
     * How long a marker outlives the grace window, counted from when the rotation took it: covers the rotation's
     * own duration and clock differences between nodes, so that no node still inside the window (by its own clock
     * and the rotation time in the state) finds the marker gone and mistakes the consumed token for a lost one.
     */
    static final int MARGIN_SECONDS = 30;
    /** How long the record of a failed rotation's generation outlives the grace window (a rare path). */
    private static final int UNDELIVERED_MARGIN_SECONDS = 120;
    private static final java.util.Map<String, String> MARKER = java.util.Map.of();

    private RotationLock() {
    }

    /** A marker's lifespan for a client with this grace window: 60 s up to a 30 s window, the window + 30 s above. */
    static int lifespan(int graceSeconds) {
        return Math.max(MIN_SECONDS, graceSeconds + MARGIN_SECONDS);
    }

    /**
     * Takes the marker of {@code rotation}'s generation. Once the request completes, the marker stays only if the
     * request committed the next generation ({@link Rotation#issued()}); a refresh that Keycloak refused after the
     * check, or that rolled back, releases it, so the family is left exactly as it was.
     */
    static boolean tryAcquire(KeycloakSession session, Rotation rotation) {
        String familyId = rotation.familyId();
        long generation = rotation.fromGeneration();
        int graceSeconds = rotation.graceSeconds();
        String key = key(familyId, generation);
        if (!session.singleUseObjects().putIfAbsent(key, lifespan(graceSeconds))) {
            return false;
        }
        // An earlier attempt at this rotation failed after writing the next generation and recorded it as
        // undelivered. Once this attempt commits, that generation is delivered: a record left behind would let the
        // consumed token pass for one whose successor nobody received, and rotate the family again (a fork).
        boolean supersedes = isUndelivered(session, familyId, generation + 1);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                if (!rotation.issued()) {
                    release(factory, key);
                } else if (supersedes) {
                    release(factory, undeliveredKey(familyId, generation + 1));
                }
            }

            @Override
            protected void rollbackImpl() {
                try {
                    if (rotation.issued()) {
                        // The next generation may be in Keycloak's session cache although this request failed
                        // (Keycloak commits its cache even when the database commit fails): nobody received it.
                        KeycloakModelUtils.runJobInTransaction(factory, s -> s.singleUseObjects()
                                .put(undeliveredKey(familyId, generation + 1), graceSeconds + UNDELIVERED_MARGIN_SECONDS, MARKER));
                    }
                } finally {
                    release(factory, key); // whatever the record did: a marker left behind would outlive the window
                }
            }
        });
        return true;
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
