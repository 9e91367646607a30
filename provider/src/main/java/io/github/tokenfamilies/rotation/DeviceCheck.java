package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.models.KeycloakSession;

/** R6: a family that declared a device at login only refreshes from that device id. */
final class DeviceCheck {

    private final KeycloakSession session;

    DeviceCheck(KeycloakSession session) {
        this.session = session;
    }

    void verify(FamilyState state, Theft theft) throws FamilyException {
        String bound = state.device().id();
        if (bound == null) {
            return;
        }
        String presented = DeclaredDevice.current(session).id();
        if (!bound.equals(presented)) {
            throw theft.mismatch(state, presented == null ? "no device id was sent" : "another device id was sent");
        }
    }
}
