package io.github.tokenfamilies.mobile;

import java.io.InputStream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.config.BlastRadius;
import io.github.tokenfamilies.errors.FamilyException;
import io.github.tokenfamilies.rotation.FamilyRevoker;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.RefreshToken;

/**
 * {@code POST /mobile/logout}: revokes the family of the presented refresh token (body or cookie). Idempotent:
 * an unknown, expired or already revoked token is also answered 204, and the cookie expired. Possession of the
 * family's refresh token is the authority to end it, under {@link LogoutGuard}'s conditions (browser guard, client
 * authentication); a refused request revokes nothing and keeps the cookie.
 */
final class MobileLogout {

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
            String rt = fromBody ? req.param("refresh_token") : RefreshCookie.read(headers);
            RefreshToken token = rt == null ? null : session.tokens().decode(rt, RefreshToken.class);
            if (token != null && token.getIssuedFor() != null) {
                client = realm.getClientByClientId(token.getIssuedFor());
                String claimed = req.param("client_id");
                if (client != null && (claimed == null || claimed.equals(client.getClientId()))
                        && new LogoutGuard(session, realm, client).admits(req, fromBody)) {
                    FamilyRevoker.Target target = FamilyRevoker.Target.of(session, realm, client, token);
                    if (target != null) {
                        FamilyRevoker.revoke(session, target, "logout", BlastRadius.FAMILY);
                    }
                }
            }
            return MobileCors.apply(Response.noContent().header(HttpHeaders.SET_COOKIE, RefreshCookie.expire(realm.getName())),
                    session, client).build();
        } catch (FamilyException e) {
            return MobileCors.apply(MobileErrors.of(e.error(), MobileErrors.text(e.getMessage(), e.error()), 0), session, client).build();
        }
    }
}
