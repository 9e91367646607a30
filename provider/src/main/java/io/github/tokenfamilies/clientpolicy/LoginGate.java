package io.github.tokenfamilies.clientpolicy;

import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.models.KeycloakSession;

/** Checks a login of an opted-in client against the client's device requirements (R6). */
final class LoginGate {

    private final KeycloakSession session;
    private final FamilyConfig config;

    LoginGate(KeycloakSession session, FamilyConfig config) {
        this.session = session;
        this.config = config;
    }

    void check() throws FamilyException {
        if (config.requireDeviceId() && !DeclaredDevice.current(session).isDeclared()) {
            throw new FamilyException(FamilyError.INVALID_REQUEST, "device.id is required for this client");
        }
        if (config.requireDpop() && session.getAttribute("dpop") == null) {
            throw new FamilyException(FamilyError.INVALID_DPOP_PROOF, "a DPoP proof is required for this client");
        }
    }
}
