package io.github.tokenfamilies.mobile;

import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.clientpolicy.BrowserGuard;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** CORS for the mobile endpoint: an Origin is allowed when it is one of the client's Web Origins. */
final class MobileCors {

    static final String ALLOWED_HEADERS = "Content-Type, Authorization, DPoP, X-Requested-With, X-Device-Id, "
            + "X-Device-Name, X-Device-Platform, X-Device-Model, X-App-Version";

    private MobileCors() {
    }

    static Response.ResponseBuilder apply(Response.ResponseBuilder b, KeycloakSession session, ClientModel client) {
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        if (origin != null && BrowserGuard.isAllowedOrigin(session, client, origin)) {
            b.header("Access-Control-Allow-Origin", origin).header("Access-Control-Allow-Credentials", "true")
                    .header("Vary", "Origin");
        }
        return b;
    }

    /** Preflight: the client is not known yet, so any Web Origin of any client of the realm is allowed. */
    static Response preflight(KeycloakSession session, RealmModel realm) {
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        Response.ResponseBuilder b = Response.noContent();
        if (origin != null && session.clients().getClientsStream(realm).anyMatch(c -> BrowserGuard.isAllowedOrigin(session, c, origin))) {
            b.header("Access-Control-Allow-Origin", origin).header("Access-Control-Allow-Credentials", "true")
                    .header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", "600").header("Vary", "Origin");
        }
        return b.build();
    }
}
