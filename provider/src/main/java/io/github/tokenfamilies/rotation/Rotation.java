package io.github.tokenfamilies.rotation;

import org.keycloak.models.KeycloakSession;

/**
 * A rotation this request won the right to perform: set by {@link RefreshGate}, consumed by {@link FamilyIssuer}
 * (next generation) and by the grant (caching the reply for retries). Generation 0 is a refresh token
 * issued before its client was opted in: rotating it starts the family ({@link LegacyToken}).
 */
final class Rotation {

    private static final String SESSION_ATTRIBUTE = Rotation.class.getName();

    private final String familyId;
    private final long fromGeneration;
    private final String presentedToken;
    private final int graceSeconds;
    private final long presentedGeneration;
    private volatile boolean issued;

    Rotation(String familyId, long fromGeneration, String presentedToken, int graceSeconds) {
        this(familyId, fromGeneration, presentedToken, graceSeconds, fromGeneration);
    }

    /**
     * @param fromGeneration      the live generation this rotation moves on from (its marker)
     * @param presentedGeneration the generation of the presented token: the same, or one less for a repair
     *                            ({@link RefreshGate}: the rotation that moved the family to the live generation
     *                            did not complete, so the retry of its token rotates the live position on its
     *                            behalf, and the token that rotation may have issued becomes a consumed one)
     */
    Rotation(String familyId, long fromGeneration, String presentedToken, int graceSeconds, long presentedGeneration) {
        this.familyId = familyId;
        this.fromGeneration = fromGeneration;
        this.presentedToken = presentedToken;
        this.graceSeconds = graceSeconds;
        this.presentedGeneration = presentedGeneration;
    }

    /** The presented token's position: the key of the cached reply for its retries. */
    FamilyClaims presented() {
        return new FamilyClaims(familyId, presentedGeneration);
    }

    static Rotation current(KeycloakSession session) {
        return session.getAttribute(SESSION_ATTRIBUTE, Rotation.class);
    }

    void attachTo(KeycloakSession session) {
        session.setAttribute(SESSION_ATTRIBUTE, this);
    }

    String familyId() {
        return familyId;
    }

    long fromGeneration() {
        return fromGeneration;
    }

    String presentedToken() {
        return presentedToken;
    }

    int graceSeconds() {
        return graceSeconds;
    }

    /** Whether the next generation was written in this request (otherwise the rotation marker is released). */
    boolean issued() {
        return issued;
    }

    void markIssued() {
        issued = true;
    }

}
