package io.github.tokenfamilies.limit;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * "A login of user U for client C is counting devices": a cluster-wide lock in Keycloak's single-use-object store
 * ({@code putIfAbsent} is atomic across nodes and takes effect at once, not with the transaction). Held from the
 * count until the login's transaction has completed, so the next holder sees the families this one committed
 * (docs/families.md, "Device limits").
 */
final class DeviceLimitLock {

    /**
     * Lifespan of the lock: far longer than a login holds it (milliseconds), so it is only reached when the node
     * holding it died; logins of that user and client then get a retryable error until it expires.
     */
    static final int LIFESPAN_SECONDS = 30;
    /** How long a login waits for another login of the same user and client before answering a retryable error. */
    static final long WAIT_MILLIS = 2000;

    private DeviceLimitLock() {
    }

    /**
     * Takes the lock or throws {@code server_error} (retry) after {@link #WAIT_MILLIS}. It is released once the
     * request's transaction completes, after Keycloak wrote the session: the session provider's own after-completion
     * work is enlisted first ({@code session.sessions()} is obtained before the release is enlisted), and
     * after-completion work runs in enlistment order.
     */
    static void acquire(KeycloakSession session, String realmId, String userId, String clientUuid) throws FamilyException {
        String key = "tf:limit:" + realmId + ":" + userId + ":" + clientUuid;
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        long pause = 10;
        while (!session.singleUseObjects().putIfAbsent(key, LIFESPAN_SECONDS)) {
            if (System.nanoTime() + pause * 1_000_000 > deadline) {
                throw new FamilyException(FamilyError.SERVER_ERROR,
                        "another sign-in of this account to this app is in progress; retry in a moment");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FamilyException(FamilyError.SERVER_ERROR, "interrupted while waiting for another sign-in; retry");
            }
            pause = Math.min(100, pause * 2);
        }
        session.sessions(); // enlists the session provider's after-completion work before the release below
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                release(factory, key);
            }

            @Override
            protected void rollbackImpl() {
                release(factory, key);
            }
        });
    }

    private static void release(KeycloakSessionFactory factory, String key) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> s.singleUseObjects().remove(key));
    }
}
