package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * A refresh that the token-families executor saw only half of: its client policy applied to the refresh request
 * but not to the response, or the other way round. That happens when the policy also has a condition that depends
 * on the request (grant-type, client-scopes, …) and votes differently on the two events. Rotating without issuing,
 * or issuing without the gate's checks, would break R1/R2 (a revoked family's token could refresh into a new
 * family), so the refresh is refused with {@code server_error} and the admin is told what to fix. Never fail open.
 */
final class SplitPolicy {

    private static final Logger LOG = Logger.getLogger(SplitPolicy.class);

    private SplitPolicy() {
    }

    static FamilyException refused(KeycloakSession session) {
        ClientModel client = session.getContext().getClient();
        LOG.errorf("Refresh of client %s refused: the token-families executor ran on only one of the refresh request and "
                + "its response. A condition of its client policy decides by the request (e.g. grant-type or "
                + "client-scopes); combine the executor only with conditions that decide by client, such as "
                + "token-families-clients.", client == null ? "?" : client.getClientId());
        return new FamilyException(FamilyError.SERVER_ERROR, "the client's token-families policy does not apply to this "
                + "refresh consistently; an administrator must fix the client policy (see the server log)");
    }
}
