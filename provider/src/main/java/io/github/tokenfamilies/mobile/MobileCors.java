package io.github.tokenfamilies.mobile;

import java.util.Collection;
import java.util.List;

import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.clientpolicy.BrowserGuard;
import io.github.tokenfamilies.clientpolicy.OptedInClients;
import org.keycloak.http.HttpResponse;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** CORS for the mobile endpoint: an Origin is allowed when it is one of the client's Web Origins. */
final class MobileCors {

    static final String ALLOWED_HEADERS = "Content-Type, Authorization, DPoP, X-Requested-With, X-Device-Id, "
            + "X-Device-Name, X-Device-Platform, X-Device-Model, X-App-Version";

    private MobileCors() {
    }

    /**
     * Sets the CORS headers of a reply to {@code client}'s request. They are <em>set</em> on Keycloak's HTTP response,
     * not added to {@code b}: Keycloak's token endpoint, which the mobile endpoint runs, already adds its own CORS
     * headers there, and a second {@code Access-Control-Allow-Origin} makes every browser refuse the reply. Without a
     * client (none named, or a sign-out whose cookie is already gone) the origins the preflight grants apply, so that
     * the app can read the reply.
     */
    static Response.ResponseBuilder apply(Response.ResponseBuilder b, KeycloakSession session, ClientModel client) {
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        if (origin != null && (client != null ? BrowserGuard.isAllowedOrigin(session, client, origin)
                : allowedByAnOptedInClient(session, session.getContext().getRealm(), origin))) {
            HttpResponse response = session.getContext().getHttpResponse();
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Vary", "Origin");
        }
        return b;
    }

    /**
     * Preflight (unauthenticated): the Origin must be a Web Origin of an opted-in client, of the one named by the
     * {@code client_id} query parameter if present. Reads the realm's client policies, never scans all clients.
     */
    static Response preflight(KeycloakSession session, RealmModel realm) {
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        Response.ResponseBuilder b = Response.noContent();
        if (origin != null && allowedByAnOptedInClient(session, realm, origin)) {
            b.header("Access-Control-Allow-Origin", origin).header("Access-Control-Allow-Credentials", "true")
                    .header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", "600").header("Vary", "Origin");
        }
        return b.build();
    }

    private static boolean allowedByAnOptedInClient(KeycloakSession session, RealmModel realm, String origin) {
        OptedInClients optedIn = OptedInClients.of(session, realm);
        String named = session.getContext().getUri().getQueryParameters().getFirst("client_id");
        Collection<String> candidates = named == null ? optedIn.listedClientIds()
                : optedIn.contains(named) ? List.of(named) : List.of();
        return candidates.stream().map(realm::getClientByClientId)
                .anyMatch(c -> c != null && BrowserGuard.isAllowedOrigin(session, c, origin));
    }
}
