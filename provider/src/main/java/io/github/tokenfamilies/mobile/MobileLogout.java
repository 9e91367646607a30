package io.github.tokenfamilies.mobile;

import java.io.InputStream;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.clientpolicy.BrowserGuard;
import io.github.tokenfamilies.clientpolicy.OptedInClients;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import io.github.tokenfamilies.rotation.FamilyClaims;
import io.github.tokenfamilies.rotation.FamilyRevoker;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.RefreshToken;

/**
 * {@code POST /mobile/logout}: revokes the family of the presented refresh token (body or cookie). Idempotent:
 * an unknown, expired or already revoked token is also answered 204, and the cookie is expired when the request is a
 * browser app's own ({@code X-Requested-With}; a cross-site form cannot delete it). A token issued before its client
 * was opted in is signed out too ({@link FamilyRevoker#signOut}). Possession of the
 * family's refresh token is the authority to end it, under {@link LogoutGuard}'s conditions (browser guard, client
 * authentication); a refused request revokes nothing and keeps the cookie.
 */
final class MobileLogout {

    private static final Logger LOG = Logger.getLogger(MobileLogout.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    MobileLogout(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    Response logout(InputStream body) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        ClientModel client = null;
        try {
            MobileRequest req = MobileRequestParser.parseOptional(headers, body, () -> session.getContext().getHttpRequest().getDecodedFormParameters());
            boolean fromBody = req.param("refresh_token") != null;
            for (String rt : fromBody ? List.of(req.param("refresh_token")) : cookieTokens(headers)) {
                ClientModel signedOut = signOut(req, rt, fromBody);
                client = signedOut != null ? signedOut : client;
            }
            Response.ResponseBuilder done = Response.noContent();
            if (BrowserGuard.isAppRequest(headers)) { // a cross-site form post must not delete the browser app's cookie
                done.header(HttpHeaders.SET_COOKIE, RefreshCookie.expire(realm.getName()));
            }
            return MobileCors.apply(done, session, client).build();
        } catch (FamilyException e) {
            return MobileCors.apply(MobileErrors.of(e.error(), MobileErrors.text(e.getMessage(), e.error()), 0), session, client).build();
        } catch (RuntimeException e) { // the revocation's store failed: nothing was answered as done
            LOG.errorf(e, "mobile logout failed unexpectedly (%s)", e.getClass().getName());
            session.getTransactionManager().setRollbackOnly();
            return MobileCors.apply(MobileErrors.of(FamilyError.SERVER_ERROR, "the sign-out could not be recorded; retry", 0),
                    session, client).build();
        }
    }

    /**
     * The cookie's tokens. Normally one; two or more when another host of the site planted its own (cookie tossing):
     * a sign-out then ends every family they name, each through its own checks, so the user's is ended whichever
     * one it is, and a planted one only costs its planter.
     */
    private static List<String> cookieTokens(HttpHeaders headers) throws FamilyException {
        String single = RefreshCookie.read(headers); // a malformed Cookie header is a bad request
        List<String> all = RefreshCookie.values(headers);
        return !all.isEmpty() ? all : single == null ? List.of() : List.of(single);
    }

    /** Ends the family of {@code rt} if the request may; returns its client, or {@code null} for nothing of ours. */
    private ClientModel signOut(MobileRequest req, String rt, boolean fromBody) throws FamilyException {
        RefreshToken token = decode(rt);
        // only refresh tokens end families: an access or ID token of the realm (any resource server holds some) ends nothing
        if (token == null || token.getIssuedFor() == null || !FamilyRevoker.Target.isRefreshToken(token)) {
            return null;
        }
        ClientModel client = realm.getClientByClientId(token.getIssuedFor());
        String claimed = req.param("client_id");
        if (client != null && (claimed == null || claimed.equals(client.getClientId()))
                && new LogoutGuard(session, realm, client).admits(req, fromBody)) {
            if (FamilyClaims.of(token) != null || OptedInClients.of(session, realm).contains(client.getClientId())) {
                FamilyRevoker.signOut(session, realm, client, token, rt); // a client not opted in: nothing of ours
            }
        }
        return client;
    }

    /** The refresh token, or {@code null} for anything that is not one of this realm's (answered 204 like an unknown one). */
    private RefreshToken decode(String rt) {
        try {
            return rt == null ? null : session.tokens().decode(rt, RefreshToken.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
