package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.models.KeycloakSession;

/**
 * The client's device requirements for a request that starts a family (R6): a login, or the first refresh of a
 * refresh token issued before the client was opted in.
 */
public final class LoginRequirements {

    private LoginRequirements() {
    }

    public static void check(KeycloakSession session, FamilyConfig config) throws FamilyException {
        if (config.requireDeviceId() && !DeclaredDevice.current(session).isDeclared()) {
            throw new FamilyException(FamilyError.INVALID_REQUEST, "device.id is required for this client");
        }
        requireDpopIfConfigured(session, config);
    }

    /** With {@code require-dpop} on, every login and every refresh carries a DPoP proof. */
    static void requireDpopIfConfigured(KeycloakSession session, FamilyConfig config) throws FamilyException {
        if (config.requireDpop() && session.getAttribute("dpop") == null) {
            throw new FamilyException(FamilyError.INVALID_DPOP_PROOF, "a DPoP proof is required for this client");
        }
    }
}
