package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.dpop.DPoP;

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
        verifyKey(state, theft);
        String bound = state.device().id();
        if (bound == null) {
            return;
        }
        String presented = DeclaredDevice.current(session).id();
        if (!bound.equals(presented)) {
            throw theft.mismatch(state, presented == null ? "no device id was sent" : "another device id was sent");
        }
    }

    private void verifyKey(FamilyState state, Theft theft) throws FamilyException {
        if (state.jkt() == null) {
            return;
        }
        DPoP proof = session.getAttribute("dpop", DPoP.class);
        if (proof == null) {
            throw new FamilyException(FamilyError.INVALID_DPOP_PROOF, "this token family is DPoP-bound: send a DPoP proof");
        }
        if (!state.jkt().equals(proof.getThumbprint())) {
            throw theft.mismatch(state, "another DPoP key was used");
        }
    }
}
