package io.github.tokenfamilies.events;

import java.util.HashMap;
import java.util.Map;

import io.github.tokenfamilies.device.DeclaredDevice;
import org.keycloak.models.KeycloakSession;

/**
 * The declared device of a revoked family, kept for an hour in Keycloak's single-use-object store (cluster-wide, in
 * memory), so that the refused refreshes that follow a revocation still name the device in their events after the
 * family's session is gone. Descriptive fields only, no token material; best effort (lost on a full restart).
 */
public final class RevokedDevices {

    private static final int SECONDS = 3600;

    private RevokedDevices() {
    }

    /** Called inside the revocation's transaction, so it is stored when the revocation is. */
    public static void remember(KeycloakSession session, String familyId, DeclaredDevice device) {
        if (device == null || device.isEmpty()) {
            return;
        }
        Map<String, String> notes = new HashMap<>();
        put(notes, "id", device.id());
        put(notes, "name", device.name());
        put(notes, "platform", device.platform());
        put(notes, "model", device.model());
        put(notes, "app_version", device.appVersion());
        session.singleUseObjects().put(key(familyId), SECONDS, notes);
    }

    /** The device of a family revoked within the last hour, or {@code null}. */
    public static DeclaredDevice recall(KeycloakSession session, String familyId) {
        Map<String, String> n = familyId == null ? null : session.singleUseObjects().get(key(familyId));
        return n == null ? null : new DeclaredDevice(n.get("id"), n.get("name"), n.get("platform"), n.get("model"), n.get("app_version"));
    }

    private static void put(Map<String, String> notes, String key, String value) {
        if (value != null) {
            notes.put(key, value);
        }
    }

    private static String key(String familyId) {
        return "tf:revoked-device:" + familyId;
    }
}
