package io.github.tokenfamilies.rotation;

import org.keycloak.OAuthErrorException;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.RefreshToken;

/**
 * Keycloak's refresh-token verification, run once per refresh of an opted-in client instead of twice. The gate
 * ({@link PresentedToken}) must verify the presented token before any verdict, and Keycloak's refresh grant then
 * verifies the same string again with the same method ({@link TokenManager#verifyRefreshToken}, which 26.7 calls on
 * the grant's token manager and 26.4/26.5 from inside {@code refreshAccessToken}). The gate remembers its result
 * in the request's session; Keycloak's call, through this token manager, gets it back when it asks about exactly the
 * same token string for the same realm and client with the expiry checked, and only once. Anything else (another
 * string, as a policy may rewrite the parameter, another client, no expiry check, a second call) is verified in
 * full. The two calls are milliseconds apart in one request, with the same DPoP proof and client certificate, so
 * the result is the one the second verification would give.
 * <p>
 * Adapter over an internal class: {@link FamilyRefreshGrantType} installs it as the grant's {@code tokenManager}.
 * If an upgrade renames that field or the method, the JAR fails to link at start-up or every rotation IT fails; if
 * Keycloak stops calling it, the memo is simply unused.
 */
final class VerifiedOnce extends TokenManager {

    private static final String ATTRIBUTE = VerifiedOnce.class.getName();

    /** What the gate verified: the exact string, for which realm and client. */
    private record Verified(String encoded, String realmId, String clientUuid, RefreshToken token) {
    }

    /** Called by the gate after {@link TokenManager#verifyRefreshToken} accepted {@code encoded} with the expiry checked. */
    static void remember(KeycloakSession session, RealmModel realm, ClientModel client, String encoded, RefreshToken token) {
        session.setAttribute(ATTRIBUTE, new Verified(encoded, realm.getId(), client.getId(), token));
    }

    /** The gate's result for exactly this token, realm and client, at most once; otherwise {@code null}. */
    static RefreshToken recall(KeycloakSession session, RealmModel realm, ClientModel client, String encoded) {
        Verified v = session.getAttribute(ATTRIBUTE, Verified.class);
        if (v == null) {
            return null;
        }
        session.removeAttribute(ATTRIBUTE);
        boolean same = v.encoded().equals(encoded) && v.realmId().equals(realm.getId()) && v.clientUuid().equals(client.getId());
        return same ? v.token() : null;
    }

    @Override
    public RefreshToken verifyRefreshToken(KeycloakSession session, RealmModel realm, ClientModel client, HttpRequest request,
                                           String encodedRefreshToken, boolean checkExpiration) throws OAuthErrorException {
        RefreshToken verified = checkExpiration && encodedRefreshToken != null
                ? recall(session, realm, client, encodedRefreshToken) : null;
        return verified != null ? verified : super.verifyRefreshToken(session, realm, client, request, encodedRefreshToken, checkExpiration);
    }
}
