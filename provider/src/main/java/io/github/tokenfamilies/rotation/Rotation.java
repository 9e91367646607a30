package io.github.tokenfamilies.rotation;

import org.keycloak.models.KeycloakSession;

/**
 * A rotation this request won the right to perform: set by {@link RefreshGate}, consumed by the refresh-token
 * provider (next generation) and by the grant (caching the reply for retries).
 */
record Rotation(String familyId, long fromGeneration, String presentedToken, int graceSeconds) {

    private static final String SESSION_ATTRIBUTE = Rotation.class.getName();

    static Rotation current(KeycloakSession session) {
        return session.getAttribute(SESSION_ATTRIBUTE, Rotation.class);
    }

    void attachTo(KeycloakSession session) {
        session.setAttribute(SESSION_ATTRIBUTE, this);
    }
}
