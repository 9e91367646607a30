package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.models.KeycloakSession;

/**
 * R6: a family that declared a device at login only refreshes from that device id, and a family bound to a DPoP key
 * only with a proof of that key. The key is checked against the family, not only against the presented token: a
 * token issued before the family was bound (at login without DPoP, or before the opt-in) carries no key of its own,
 * and its retry must not get the bound family's reply with another key or none.
 */
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

    /**
     * The family's DPoP key, where a request is about to be served (a rotation or a replay), never before a reuse
     * verdict: a consumed token presented without the key is still a reuse.
     */
    void verifyKey(FamilyState state, Theft theft) throws FamilyException {
        if (state != null) {
            DpopKey.require(session, state.jkt(), () -> theft.mismatch(state, "another DPoP key was used"));
        }
    }
}
