package io.github.tokenfamilies.rotation;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * "Generation N of family F has been presented for rotation": a cluster-wide, at-most-once marker in Keycloak's
 * single-use-object store ({@code putIfAbsent} is atomic across nodes and takes effect at once). It is released
 * if the rotating request rolls back, and otherwise outlives the grace window; after it expires (or a full
 * restart) the durable generation in the family state still tells consumed tokens from the live one.
 */
final class RotationLock {

    private static final int MARGIN_SECONDS = 120;

    private RotationLock() {
    }

    static boolean tryAcquire(KeycloakSession session, String familyId, long generation, int graceSeconds) {
        String key = key(familyId, generation);
        if (!session.singleUseObjects().putIfAbsent(key, graceSeconds + MARGIN_SECONDS)) {
            return false;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
            }

            @Override
            protected void rollbackImpl() {
                KeycloakModelUtils.runJobInTransaction(factory, s -> s.singleUseObjects().remove(key));
            }
        });
        return true;
    }

    static boolean isTaken(KeycloakSession session, String familyId, long generation) {
        return session.singleUseObjects().contains(key(familyId, generation));
    }

    private static String key(String familyId, long generation) {
        return "tf:rot:" + familyId + ":" + generation;
    }
}
