package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;
import org.keycloak.representations.dpop.DPoP;

/**
 * Verifies a presented refresh token with Keycloak's own checks (signature, type, issuer, client, not-before,
 * mTLS and DPoP binding) and turns each failure into its §6 code. Leans on {@link TokenManager#verifyRefreshToken},
 * an internal class: the rotation ITs fail loudly if an upgrade changes it.
 */
final class PresentedToken {

    private static final int MAX_TOKEN_CHARS = 16_384;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientModel client;
    private RefreshToken signed;
    private boolean keyless;

    PresentedToken(KeycloakSession session, RealmModel realm, ClientModel client) {
        this.session = session;
        this.realm = realm;
        this.client = client;
    }

    /**
     * Whether {@link #verify} refused the token only for want of a DPoP proof: a refresh token of this client, signed,
     * unexpired, bound to a DPoP key, and sent without a proof. Such a presentation can still be a consumed token's
     * replay, a reuse whatever the key (R2); whatever serves a request demands the key.
     */
    boolean keyless() {
        return keyless;
    }

    /** The token as decoded after its signature checked out, even if a later check refused it. */
    RefreshToken signed() {
        return signed;
    }

    /**
     * The token after Keycloak's own checks. The signature is verified once on the way in; only a refused token is
     * decoded a second time, to name the refusal (§6) and, for a DPoP mismatch, to find the family to revoke.
     */
    RefreshToken verify(String encoded) throws FamilyException {
        if (encoded.length() > MAX_TOKEN_CHARS) {
            throw new FamilyException(FamilyError.INVALID_CREDENTIALS, "the refresh token is not valid");
        }
        try {
            signed = new TokenManager().verifyRefreshToken(session, realm, client, session.getContext().getHttpRequest(), encoded, true);
        } catch (OAuthErrorException e) {
            throw refusal(encoded, e);
        }
        if (isBeforeNotBefore(signed)) {
            throw new FamilyException(FamilyError.FAMILY_REVOKED, "this token was revoked by a not-before policy; log in again");
        }
        VerifiedOnce.remember(session, realm, client, encoded, signed);
        return signed;
    }

    /**
     * The realm's and the client's "not before" revocation policies. Keycloak 26.7 applies the client's inside
     * {@code verifyRefreshToken}; 26.4 does not for refresh tokens, so the check is made here on every line.
     */
    private boolean isBeforeNotBefore(RefreshToken token) {
        long issued = token.getIat() == null ? 0 : token.getIat();
        return issued < Math.max(realm.getNotBefore(), client.getNotBefore());
    }

    private FamilyException refusal(String encoded, OAuthErrorException e) throws FamilyException {
        signed = session.tokens().decode(encoded, RefreshToken.class);
        if (signed == null) {
            return new FamilyException(FamilyError.INVALID_CREDENTIALS, "the refresh token is not valid");
        }
        if (signed.getExp() != null && signed.getExp() != 0 && Time.currentTime() > signed.getExp()) {
            return new FamilyException(FamilyError.REFRESH_TOKEN_EXPIRED, "the refresh token has expired; log in again");
        }
        if (!client.getClientId().equals(signed.getIssuedFor())) {
            return new FamilyException(FamilyError.INVALID_CREDENTIALS, "the refresh token was not issued to this client");
        }
        // Keycloak checks the DPoP binding last: "proof missing" means every check before it passed
        keyless = isProofMissing(e.getDescription()) && FamilyRevoker.Target.isRefreshToken(signed) && !isBeforeNotBefore(signed)
                && DpopKey.of(signed) != null && DpopKey.unproven(session);
        checkDpop(signed);
        if ("Stale token".equals(e.getDescription())) {
            return new FamilyException(FamilyError.FAMILY_REVOKED, "the session of this token was revoked; log in again");
        }
        return new FamilyException(FamilyError.INVALID_CREDENTIALS, "the refresh token is not valid");
    }

    /** Keycloak's words (26.4–26.7) for a DPoP-bound token sent without a proof. */
    private static boolean isProofMissing(String description) {
        String d = description == null ? "" : description.toLowerCase(java.util.Locale.ROOT);
        return d.contains("dpop") && d.contains("proof") && d.contains("missing");
    }

    private void checkDpop(RefreshToken token) throws FamilyException {
        DpopKey.require(session, DpopKey.of(token),
                () -> new FamilyException(FamilyError.DEVICE_MISMATCH, "the DPoP key differs from the one this family is bound to"));
    }

}
