package io.github.tokenfamilies.mobile;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.accesstoken.AccessTokenFamilies;
import io.github.tokenfamilies.device.DeviceDirectory;
import io.github.tokenfamilies.device.FamilyView;
import io.github.tokenfamilies.errors.FamilyError;
import org.keycloak.models.KeycloakSession;
import io.github.tokenfamilies.clientpolicy.BrowserGuard;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The caller's own families: {@code /mobile/devices}, authenticated by an access token (Bearer or DPoP-bound), and
 * {@code /mobile/account/devices} for the account console page, authenticated by the browser's Keycloak SSO cookie
 * (same-origin only; revocations need {@code X-Requested-With}). A user can only ever see and revoke their own, and
 * only with an access token that {@link DevicesAccess} accepts (403 {@code invalid_request} otherwise).
 */
public final class MobileDevices {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final boolean browser;

    MobileDevices(KeycloakSession session, RealmModel realm, boolean browser) {
        this.session = session;
        this.realm = realm;
        this.browser = browser;
    }

    @GET
    @Path("")
    public Response list() {
        AuthenticationManager.AuthResult auth = authenticate();
        Response refused = refusal(auth, false);
        if (refused != null) {
            return refused;
        }
        return MobileCors.apply(Response.ok(views(auth), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store"),
                session, auth.getClient()).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        AuthenticationManager.AuthResult auth = authenticate();
        Response refused = refusal(auth, true);
        if (refused != null) {
            return refused;
        }
        DeviceDirectory directory = new DeviceDirectory(session, realm);
        return directory.find(auth.getUser(), id).map(e -> {
            directory.revoke(e, "user");
            return MobileCors.apply(Response.noContent(), session, auth.getClient()).build();
        }).orElseGet(() -> MobileCors.apply(MobileErrors.of(FamilyError.INVALID_REQUEST, "no such device of yours: " + id, 0)
                .status(404), session, auth.getClient()).build());
    }

    @DELETE
    @Path("")
    public Response revokeOthers(@QueryParam("scope") String scope) {
        AuthenticationManager.AuthResult auth = authenticate();
        Response refused = refusal(auth, true);
        if (refused != null) {
            return refused;
        }
        if (!"others".equals(scope)) {
            return MobileCors.apply(MobileErrors.of(FamilyError.INVALID_REQUEST, "use ?scope=others to sign out every other device", 0),
                    session, auth.getClient()).build();
        }
        DeviceDirectory directory = new DeviceDirectory(session, realm);
        directory.revocable(auth.getUser()).stream().filter(e -> !isCurrent(e.view(), auth)).forEach(e -> directory.revoke(e, "user"));
        return MobileCors.apply(Response.noContent(), session, auth.getClient()).build();
    }

    private List<FamilyView> views(AuthenticationManager.AuthResult auth) {
        return new DeviceDirectory(session, realm).list(auth.getUser()).stream()
                .map(e -> e.view().withCurrent(isCurrent(e.view(), auth))).toList();
    }

    /** The caller's own family: same Keycloak session (and client, for access tokens). */
    private static boolean isCurrent(FamilyView v, AuthenticationManager.AuthResult auth) {
        String sid = auth.getSession() != null ? auth.getSession().getId() : auth.getToken().getSessionId();
        String client = auth.getToken() == null ? null : auth.getToken().getIssuedFor();
        return v.sessionId().equals(sid) && (client == null || v.clientId().equals(client) || auth.getClient() == null);
    }

    private AuthenticationManager.AuthResult authenticate() {
        if (!browser) {
            try {
                return new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
            } catch (NotAuthorizedException e) { // "Basic …", "Bearer" without a token, "Bearer a b": Keycloak's own 401 body
                return null;
            }
        }
        HttpHeaders h = session.getContext().getRequestHeaders();
        String origin = h.getHeaderString("Origin");
        java.net.URI base = session.getContext().getUri().getBaseUri();
        String self = base.getScheme() + "://" + base.getRawAuthority();
        if (origin != null && !self.equalsIgnoreCase(origin)) {
            return null; // cross-site: the SSO cookie is not an authority here
        }
        String method = session.getContext().getHttpRequest().getHttpMethod();
        if (!"GET".equals(method) && (h.getHeaderString(BrowserGuard.REQUESTED_WITH) == null)) {
            return null;
        }
        return new AppAuthManager().authenticateIdentityCookie(session, realm);
    }

    /**
     * Why this caller may not go on, or {@code null}: no valid credential (401), an access token whose family was
     * revoked (401 {@code family_revoked}: Keycloak's bearer check passes while another family keeps the session
     * alive, R2), or a token that {@link DevicesAccess} does not accept (403).
     */
    private Response refusal(AuthenticationManager.AuthResult auth, boolean write) {
        if (auth == null) {
            return unauthenticated();
        }
        if (!browser && !AccessTokenFamilies.stands(session, realm, auth.getToken())) {
            return MobileCors.apply(MobileErrors.of(FamilyError.FAMILY_REVOKED, "the token family of this access token was "
                    + "revoked; log in again", 0).header("WWW-Authenticate", "Bearer error=\"invalid_token\""),
                    session, auth.getClient()).build();
        }
        return mayUse(auth, write) ? null : forbidden(auth);
    }

    /** Access tokens: see {@link DevicesAccess}; the SSO cookie of the account page is the user's own session. */
    private boolean mayUse(AuthenticationManager.AuthResult auth, boolean write) {
        return browser || DevicesAccess.allows(session, realm, auth, write);
    }

    private Response forbidden(AuthenticationManager.AuthResult auth) {
        return MobileCors.apply(MobileErrors.of(FamilyError.INVALID_REQUEST, "this access token may not use the devices API: it needs "
                        + "the 'account' audience with the account role manage-account (view-profile suffices to list), or must be "
                        + "issued to a client opted in to token families", 0)
                .status(403).header("WWW-Authenticate", "Bearer error=\"insufficient_scope\""), session, auth.getClient()).build();
    }

    private static Response unauthenticated() {
        return MobileErrors.of(FamilyError.INVALID_CREDENTIALS, "a valid access token is required", 0)
                .header("WWW-Authenticate", "Bearer").build();
    }
}
