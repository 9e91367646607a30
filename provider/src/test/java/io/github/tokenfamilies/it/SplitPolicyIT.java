package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An admin adds a stock grant-type condition to the token-families policy. Keycloak evaluates it per event: it says
 * no to the refresh request (grant type refresh_token) and abstains on the refresh response, so the executor would
 * see the response without the request. Issuing a family there would let any refresh token, a reused or revoked
 * one too, refresh into a new family; the refresh is refused instead (never fail open).
 */
@ExtendWith(KeycloakExtension.class)
class SplitPolicyIT {

    @Test
    void aPolicyThatAppliesToOnlyHalfOfARefreshRefusesIt(Kc kc) {
        String client = "split-" + UUID.randomUUID().toString().substring(0, 8);
        kc.createPublicClient(client);
        kc.optIn(client, Map.of("grace-seconds", "0"));
        ObjectNode policies = (ObjectNode) kc.adminJson("/client-policies/policies");
        policies.remove("globalPolicies");
        for (JsonNode p : policies.withArray("policies")) {
            if (("it-" + client).equals(p.path("name").asText())) {
                ObjectNode grantType = ((ArrayNode) p.path("conditions")).addObject().put("condition", "grant-type");
                grantType.putObject("configuration").putArray("grant_types").add("password");
            }
        }
        Reply saved = kc.admin("PUT", "/client-policies/policies", policies.toString());
        assertEquals(204, saved.status(), saved.toString());

        TestUser u = kc.createUser("split");
        Reply login = kc.passwordLogin(client, u);
        assertEquals(200, login.status(), login.toString());
        assertNotNull(Jwt.familyId(login.refreshToken()), "the login starts a family");

        Reply refresh = kc.refresh(client, login.refreshToken());
        assertNotEquals(200, refresh.status(), "half a policy must not refresh: " + refresh);
        assertEquals("server_error", refresh.code(), refresh.toString());
        assertTrue(refresh.field("error_description").contains("client policy"), refresh.toString());
        Reply again = kc.refresh(client, login.refreshToken());
        assertNotEquals(200, again.status(), "nor on a second try: " + again);
    }
}
