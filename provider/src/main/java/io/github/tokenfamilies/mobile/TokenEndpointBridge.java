package io.github.tokenfamilies.mobile;

import java.io.IOException;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.endpoints.TokenEndpoint;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Runs Keycloak's own token endpoint (authentication flows, brute-force protection, client policies, DPoP, events)
 * on a mobile request and returns its JSON reply or the §6 error. Adapter over the internal {@code TokenEndpoint}
 * (Keycloak 26.7): the mobile ITs fail loudly if an upgrade changes it.
 */
final class TokenEndpointBridge {

    private static final Logger LOG = Logger.getLogger(TokenEndpointBridge.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    TokenEndpointBridge(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** A successful reply (raw JSON body and the response, for its headers). */
    record Success(String body, Response response) {
    }

    Success process(MobileRequest request) throws FamilyException {
        session.getContext().setHttpRequest(new FormRequest(session.getContext().getHttpRequest(), request.params()));
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection());
        Response response;
        try {
            response = new TokenEndpoint(session, new TokenManager(), event).processGrantRequest();
        } catch (WebApplicationException e) {
            throw failure(e.getResponse(), event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "token request failed unexpectedly (%s)", e.getClass().getName());
            throw new FamilyException(FamilyError.SERVER_ERROR, "the server could not process the request; retry");
        }
        if (response.getStatus() != 200) {
            throw failure(response, event);
        }
        return new Success(body(response.getEntity()), response);
    }

    private FamilyException failure(Response response, EventBuilder event) {
        session.getTransactionManager().setRollbackOnly();
        String[] err = oauthError(response.getEntity());
        // The event knows more than the reply (user_not_found, user_temporarily_disabled): ErrorMapping uses it only
        // for DPoP and client failures, so the mobile reply tells no more about the account than Keycloak's reply.
        String eventError = event.getEvent() == null ? null : event.getEvent().getError();
        FamilyError code = ErrorMapping.map(response.getStatus(), err[0], err[1], eventError);
        String text = err[1] != null ? err[1] : err[0] != null ? err[0] : "request refused";
        return new FamilyException(code, MobileErrors.text(text, code));
    }

    private static String[] oauthError(Object entity) {
        if (entity instanceof OAuth2ErrorRepresentation r) {
            return new String[]{r.getError(), r.getErrorDescription()};
        }
        if (entity instanceof Map<?, ?> m) {
            return new String[]{str(m.get("error")), str(m.get("error_description"))};
        }
        if (entity instanceof String s && s.startsWith("{")) {
            try {
                Map<?, ?> m = JsonSerialization.readValue(s, Map.class);
                return new String[]{str(m.get("error")), str(m.get("error_description"))};
            } catch (IOException e) {
                return new String[]{null, null};
            }
        }
        return new String[]{null, null};
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String body(Object entity) throws FamilyException {
        try {
            if (entity instanceof byte[] b) {
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }
            if (entity instanceof String s) {
                return s;
            }
            return JsonSerialization.writeValueAsString(entity);
        } catch (IOException e) {
            throw new FamilyException(FamilyError.SERVER_ERROR, "the server could not encode the reply; retry");
        }
    }
}
