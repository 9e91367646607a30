package io.github.tokenfamilies.rotation;

import org.keycloak.models.KeycloakSession;

/**
 * "Family F is being or was revoked": raised by every revocation <em>before</em> it writes anything, in Keycloak's
 * single-use-object store ({@code putIfAbsent} takes effect at once, cluster-wide, and is not rolled back). A
 * rotation or a grace replay checks it just before it answers: if it is up, the request rolls back and answers
 * {@code family_revoked}. So a refresh that read the family before a revocation either ends before the fence went
 * up (it is ordered before the revocation) or is refused; the durable revocation note decides everything after
 * (docs/families.md, "Why a verdict is final").
 */
final class RevocationFence {

    /** Far longer than any request that could have read the family before the revocation. */
    private static final int SECONDS = 3600;

    private RevocationFence() {
    }

    static void raise(KeycloakSession session, String familyId) {
        session.singleUseObjects().putIfAbsent(key(familyId), SECONDS);
    }

    static boolean isRaised(KeycloakSession session, String familyId) {
        return session.singleUseObjects().contains(key(familyId));
    }

    private static String key(String familyId) {
        return "tf:fence:" + familyId;
    }
}
