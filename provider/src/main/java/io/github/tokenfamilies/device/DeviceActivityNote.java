package io.github.tokenfamilies.device;

import java.io.IOException;
import java.util.Base64;

import org.keycloak.device.DeviceActivityManager;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.account.DeviceRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Puts the declared device into Keycloak's own session note {@code KC_DEVICE_NOTE} (base64 JSON of
 * {@code DeviceRepresentation}), so the stock account console's Device activity shows it. The console groups
 * sessions by os + osVersion, so the declared name goes into osVersion to keep two phones of one platform apart.
 * Adapter over Keycloak-internal {@code DeviceActivityManager} (26.7): covered by the mobile ITs.
 */
public final class DeviceActivityNote {

    private static final String NOTE = "KC_DEVICE_NOTE";

    private DeviceActivityNote() {
    }

    public static void apply(UserSessionModel userSession, DeclaredDevice device) {
        if (userSession == null || device == null || (device.name() == null && device.platform() == null)) {
            return;
        }
        DeviceRepresentation rep = DeviceActivityManager.getCurrentDevice(userSession);
        if (rep == null) {
            rep = new DeviceRepresentation();
        }
        rep.setOs(device.platform() != null ? device.platform() : "Other");
        rep.setOsVersion(device.name() != null ? device.name() : device.model());
        rep.setDevice(device.model() != null ? device.model() : device.name());
        rep.setBrowser(device.appVersion() != null ? "App " + device.appVersion() : "App");
        rep.setMobile(true);
        try {
            userSession.setNote(NOTE, Base64.getEncoder().encodeToString(JsonSerialization.writeValueAsBytes(rep)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write device note", e);
        }
    }
}
