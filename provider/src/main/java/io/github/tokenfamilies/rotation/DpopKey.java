package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.common.Profile;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;
import org.keycloak.representations.dpop.DPoP;

/**
 * DPoP keys of refresh tokens and families. Keycloak 26.7 tells DPoP key thumbprints from other {@code cnf.jkt}
 * uses ({@code getJktType()}, e.g. client attestation); before 26.7 every {@code cnf.jkt} is a DPoP thumbprint.
 * With Keycloak's DPoP feature off nothing is DPoP-bound.
 */
final class DpopKey {

    private static final java.lang.reflect.Method JKT_TYPE = jktType();

    private DpopKey() {
    }

    /** The DPoP key thumbprint a token is bound to, or {@code null}. */
    static String of(RefreshToken token) {
        AccessToken.Confirmation cnf = token == null ? null : token.getConfirmation();
        return cnf == null || cnf.getKeyThumbprint() == null || !isDpop(cnf) ? null : cnf.getKeyThumbprint();
    }

    /**
     * The request must prove possession of {@code thumbprint} (a token's or a family's key): no proof is
     * {@code invalid_dpop_proof}, another key is {@link FamilyError#DEVICE_MISMATCH}, unless {@code mismatch} turns it
     * into the caller's theft verdict.
     */
    static void require(KeycloakSession session, String thumbprint, MismatchVerdict mismatch) throws FamilyException {
        if (thumbprint == null || !Profile.isFeatureEnabled(Profile.Feature.DPOP)) {
            return;
        }
        DPoP proof = session.getAttribute("dpop", DPoP.class);
        if (proof == null) {
            throw new FamilyException(FamilyError.INVALID_DPOP_PROOF, "this token family is DPoP-bound: send a DPoP proof");
        }
        if (!thumbprint.equals(proof.getThumbprint())) {
            throw mismatch.verdict();
        }
    }

    /** Whether the request carries no (valid) DPoP proof while Keycloak's DPoP feature is on. */
    static boolean unproven(KeycloakSession session) {
        return Profile.isFeatureEnabled(Profile.Feature.DPOP) && session.getAttribute("dpop", DPoP.class) == null;
    }

    /** What a proof of another key means where it is checked. */
    interface MismatchVerdict {
        FamilyException verdict() throws FamilyException;
    }

    private static boolean isDpop(AccessToken.Confirmation cnf) {
        if (JKT_TYPE == null) {
            return true;
        }
        try {
            Object type = JKT_TYPE.invoke(cnf);
            return type == null || "DPoP".equals(type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read cnf.jkt's type", e);
        }
    }

    /** {@code AccessToken.Confirmation.getJktType()}, new in Keycloak 26.7 (the JAR is compiled against 26.4). */
    private static java.lang.reflect.Method jktType() {
        try {
            return AccessToken.Confirmation.class.getMethod("getJktType");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
