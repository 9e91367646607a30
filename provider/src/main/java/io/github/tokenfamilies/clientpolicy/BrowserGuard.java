package io.github.tokenfamilies.clientpolicy;

import java.util.Set;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;

/**
 * Cookie mode's CSRF guard for the mobile endpoint: a cookie-mode client's requests must come from one of its Web
 * Origins ({@code Origin}) and carry {@code X-Requested-With}, so a cross-site form cannot use the cookie. Checked
 * by the executor, before Keycloak processes the grant, and by the mobile logout.
 */
public final class BrowserGuard {

    /** The header a browser app must send (any non-empty value). */
    public static final String REQUESTED_WITH = "X-Requested-With";
    private static final String MOBILE_ATTRIBUTE = BrowserGuard.class.getName() + ".mobile";

    private BrowserGuard() {
    }

    /** Marks the current request as coming through the mobile endpoint; {@code fromCookie}: the refresh token did. */
    public static void markMobile(KeycloakSession session, boolean refreshTokenFromBody) {
        session.setAttribute(MOBILE_ATTRIBUTE, refreshTokenFromBody);
    }

    static void check(KeycloakSession session, ClientModel client) throws FamilyException {
        Boolean refreshTokenFromBody = session.getAttribute(MOBILE_ATTRIBUTE, Boolean.class);
        if (refreshTokenFromBody == null || client == null) {
            return; // standard endpoint: unchanged
        }
        requireBrowserRequest(session, client, refreshTokenFromBody);
    }

    /**
     * The cookie-mode checks of the current request for {@code client}: Origin among its Web Origins, X-Requested-With
     * present, and no refresh token in the body ({@code refreshTokenFromBody}). Used by the token and logout paths.
     */
    public static void requireBrowserRequest(KeycloakSession session, ClientModel client, boolean refreshTokenFromBody)
            throws FamilyException {
        if (!isAllowedOrigin(session, client, session.getContext().getRequestHeaders().getHeaderString("Origin"))) {
            throw new FamilyException(FamilyError.INVALID_REQUEST, "cookie mode: the Origin header must be one of the client's Web Origins");
        }
        if (!isAppRequest(session.getContext().getRequestHeaders())) {
            throw new FamilyException(FamilyError.INVALID_REQUEST, "cookie mode: the X-Requested-With header is required");
        }
        if (refreshTokenFromBody) {
            throw new FamilyException(FamilyError.INVALID_REQUEST, "cookie mode: the refresh token is read from its cookie, never from the body");
        }
    }

    /**
     * Whether the request carries a non-blank {@code X-Requested-With}: a cross-site page can only send it after a CORS
     * preflight, which the mobile endpoint grants to opted-in clients' Web Origins only.
     */
    public static boolean isAppRequest(jakarta.ws.rs.core.HttpHeaders headers) {
        String requestedWith = headers.getHeaderString(REQUESTED_WITH);
        return requestedWith != null && !requestedWith.isBlank();
    }

    /** Whether {@code origin} is one of the client's Web Origins (as Keycloak resolves them, "+" included). */
    public static boolean isAllowedOrigin(KeycloakSession session, ClientModel client, String origin) {
        if (origin == null || client == null) {
            return false;
        }
        Set<String> allowed = WebOriginsUtils.resolveValidWebOrigins(session, client);
        return allowed.contains("*") || allowed.contains(origin);
    }
}
