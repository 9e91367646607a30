package io.github.tokenfamilies.events;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;

/** Event detail names (R9) and access to the event Keycloak is building for the current token request. */
public final class FamilyEvents {

    public static final String FAMILY_ID = "family_id";
    public static final String GENERATION = "generation";
    public static final String DEVICE_ID = "device_id";
    public static final String REASON = "reason";
    public static final String GRACE_REPLAY = "grace_replay";
    public static final String BLAST_RADIUS = "blast_radius";
    public static final String FAMILY_ERROR = "family_error";

    private static final String SESSION_ATTRIBUTE = FamilyEvents.class.getName() + ".event";

    private FamilyEvents() {
    }

    /** Called by the grant before Keycloak processes a token request, so family code can add details. */
    public static void attach(KeycloakSession session, EventBuilder event) {
        session.setAttribute(SESSION_ATTRIBUTE, event);
    }

    /** The current token request's event, or {@code null} outside a token request. */
    public static EventBuilder current(KeycloakSession session) {
        return session.getAttribute(SESSION_ATTRIBUTE, EventBuilder.class);
    }
}
