package io.github.tokenfamilies.events;

import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.errors.FamilyError;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;

/**
 * Event detail names (R9) and access to the event Keycloak is building for the current token request. Every event
 * of a family carries the same keys: {@link #FAMILY_ID}, {@link #GENERATION} (where a position is known) and the
 * device keys ({@link #DEVICE_ID}, {@link #DEVICE_NAME}, {@link #DEVICE_PLATFORM}, where the device declared them);
 * every error event of a family and every revocation caused by theft also carry the §6 code under
 * {@link #FAMILY_ERROR}; every revocation carries {@link #REVOKE_REASON}.
 */
public final class FamilyEvents {

    public static final String FAMILY_ID = "family_id";
    public static final String GENERATION = "generation";
    public static final String DEVICE_ID = "device_id";
    public static final String DEVICE_NAME = "device_name";
    public static final String DEVICE_PLATFORM = "device_platform";
    /** Why a family was revoked: a §6 theft code, or {@code logout}, {@code user}, {@code admin}. */
    public static final String REVOKE_REASON = "revoke_reason";
    public static final String GRACE_REPLAY = "grace_replay";
    public static final String BLAST_RADIUS = "blast_radius";
    /** The §6 code the caller got (or, on a revocation by theft, the theft code). */
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

    /** Adds the family's keys to {@code event}; {@code generation} and {@code device} may be {@code null} (unknown). */
    public static EventBuilder family(EventBuilder event, String familyId, Long generation, DeclaredDevice device) {
        event.detail(FAMILY_ID, familyId);
        if (generation != null) {
            event.detail(GENERATION, String.valueOf(generation));
        }
        if (device != null) {
            event.detail(DEVICE_ID, device.id()).detail(DEVICE_NAME, device.name()).detail(DEVICE_PLATFORM, device.platform());
        }
        return event;
    }

    /** Records the §6 code a token request of an opted-in client was refused with, on its event (if any). */
    public static void refused(KeycloakSession session, FamilyError error) {
        EventBuilder event = current(session);
        if (event != null) {
            event.detail(FAMILY_ERROR, error.code());
        }
    }
}
