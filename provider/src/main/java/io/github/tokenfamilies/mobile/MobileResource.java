package io.github.tokenfamilies.mobile;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tokenfamilies.clientpolicy.BrowserGuard;
import io.github.tokenfamilies.clientpolicy.OptedInClients;
import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.device.FamilyView;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import io.github.tokenfamilies.limit.DeviceChoice;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/mobile}: a token endpoint with JSON in and out, stable error codes and cookie mode, on top
 * of Keycloak's own grant processing; {@code /logout}; and the caller's own devices ({@link MobileDevices}).
 */
public final class MobileResource {

    private static final Logger LOG = Logger.getLogger(MobileResource.class);
    private static final Set<String> GRANTS = Set.of("authorization_code", "password", "refresh_token");

    private final KeycloakSession session;
    private final RealmModel realm;

    MobileResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @POST
    @Path("token")
    public Response token(InputStream body) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        ClientModel client = null;
        String cookie = null;
        boolean refreshedWithCookie = false;
        boolean guarded = false;
        try {
            String sent = RefreshCookie.read(headers);
            MobileRequest req = MobileRequestParser.parse(headers, body, () -> session.getContext().getHttpRequest().getDecodedFormParameters());
            client = client(req);
            String grant = required(req, "grant_type");
            if (!GRANTS.contains(grant)) {
                throw MobileRequestParser.bad("unsupported grant_type '" + grant + "': use authorization_code, password or refresh_token");
            }
            boolean fromBody = req.param("refresh_token") != null;
            if (sent != null) {
                Optional<FamilyConfig> listed = client == null ? Optional.empty()
                        : OptedInClients.of(session, realm).config(client.getClientId());
                boolean cookieClient = listed.map(FamilyConfig::cookieMode).orElse(false);
                // A client not opted in through our condition may be through another one, which only the executor
                // sees: the cookie is offered to Keycloak as before, the executor guards it, and only its verdict
                // expires it. A client listed without cookie mode never gets it.
                if (cookieClient || listed.isEmpty()) {
                    RefreshCookie.requireSingle(headers);
                    if (cookieClient) {
                        // The cookie is the cookie-mode client's only: checked here, before Keycloak runs anything
                        // (some refusals come before its client-policy events), and only then used or expired.
                        BrowserGuard.requireBrowserRequest(session, client, "refresh_token".equals(grant) && fromBody);
                        guarded = true;
                    }
                    cookie = sent;
                }
            }
            switch (grant) {
                case "password" -> {
                    required(req, "username");
                    required(req, "password");
                }
                case "authorization_code" -> {
                    required(req, "code");
                    required(req, "redirect_uri");
                }
                default -> {
                    if (!fromBody && cookie != null) {
                        req.params().putSingle("refresh_token", cookie);
                        refreshedWithCookie = true;
                    }
                    required(req, "refresh_token");
                }
            }
            BrowserGuard.markMobile(session, "refresh_token".equals(grant) && fromBody);
            if (!req.device().isEmpty()) {
                req.device().attachTo(session);
            }
            TokenEndpointBridge.Success ok = new TokenEndpointBridge(session, realm).process(req);
            FamilyConfig config = FamilyConfig.current(session);
            boolean cookieMode = config != null && config.cookieMode();
            JsonNode keycloakReply = JsonSerialization.mapper.readTree(ok.body());
            ObjectNode reply = new MobileTokenReply(session, realm).build(keycloakReply, cookieMode);
            Response.ResponseBuilder b = Response.ok(reply.toString(), MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", "no-store").header("Pragma", "no-cache");
            String rt = keycloakReply.path("refresh_token").asText(null);
            if (cookieMode && rt != null) {
                b.header(HttpHeaders.SET_COOKIE, RefreshCookie.set(realm.getName(), rt, reply.path("refresh_expires_in").asLong(0)));
            }
            Response response = MobileCors.apply(b, session, client).build();
            if (!commit()) {
                return MobileCors.apply(MobileErrors.of(FamilyError.SERVER_ERROR,
                        "the server could not store the result; retry with the same token", 0), session, client).build();
            }
            return response;
        } catch (FamilyException e) {
            List<FamilyView> choice = e.error() == FamilyError.DEVICE_LIMIT_REACHED ? DeviceChoice.offered(session) : null;
            Response.ResponseBuilder b = MobileErrors.of(e.error(), MobileErrors.text(e.getMessage(), e.error()),
                    realm.getWaitIncrementSeconds(), choice);
            // Only a refresh that used the cookie can find its token dead: a refused password or code login keeps it
            if (refreshedWithCookie && (guarded || cookieModeByExecutor()) && e.error().action() == FamilyError.Action.LOGIN) {
                b.header(HttpHeaders.SET_COOKIE, RefreshCookie.expire(realm.getName()));
            }
            return MobileCors.apply(b, session, client).build();
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "mobile token request failed unexpectedly (%s)", e.getClass().getName());
            session.getTransactionManager().setRollbackOnly();
            return MobileErrors.of(FamilyError.SERVER_ERROR, "the server could not process the request; retry", 0).build();
        }
    }

    @POST
    @Path("logout")
    public Response logout(InputStream body) {
        return new MobileLogout(session, realm).logout(body);
    }

    @Path("devices")
    public MobileDevices devices() {
        return new MobileDevices(session, realm, false);
    }

    /** The same for the account console page, authenticated by the browser's SSO session. */
    @Path("account/devices")
    public MobileDevices accountDevices() {
        return new MobileDevices(session, realm, true);
    }

    @OPTIONS
    @Path("{any:.*}")
    public Response preflight() {
        return MobileCors.preflight(session, realm);
    }

    /**
     * Commits the request's transaction now, so that a failure (the database went away) is answered with the §6
     * {@code server_error} rather than after the reply was chosen, by Keycloak's generic error page or JSON. Nothing
     * of the reply was sent yet; the tokens it held were never delivered, which is what a failed rotation means.
     */
    private boolean commit() {
        KeycloakTransactionManager tm = session.getTransactionManager();
        if (!tm.isActive() || tm.getRollbackOnly()) {
            return true; // Keycloak's filter ends it as before
        }
        try {
            tm.commit();
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("mobile token request could not be committed; answered server_error (%s)", e.getClass().getName());
            return false;
        }
    }

    /** Whether the executor ran for this request with cookie mode on (and so checked Origin and X-Requested-With). */
    private boolean cookieModeByExecutor() {
        FamilyConfig config = FamilyConfig.current(session);
        return config != null && config.cookieMode();
    }

    private ClientModel client(MobileRequest req) throws FamilyException {
        String clientId = required(req, "client_id");
        return realm.getClientByClientId(clientId);
    }

    private static String required(MobileRequest req, String field) throws FamilyException {
        String v = req.param(field);
        if (v == null || v.isBlank()) {
            throw MobileRequestParser.bad("field '" + field + "' is required");
        }
        return v;
    }
}
