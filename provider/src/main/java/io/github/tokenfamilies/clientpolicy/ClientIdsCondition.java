package io.github.tokenfamilies.clientpolicy;

import java.util.Collection;
import java.util.List;

import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientPolicyConditionConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyVote;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProvider;
import org.keycloak.services.clientpolicy.context.UserInfoRequestContext;

/** Matches the clients whose client ids an admin listed: the opt-in switch for token families. */
final class ClientIdsCondition extends AbstractClientPolicyConditionProvider<ClientPolicyConditionConfigurationRepresentation> {

    ClientIdsCondition(KeycloakSession session) {
        super(session);
    }

    @Override
    public ClientPolicyVote applyPolicy(ClientPolicyContext context) {
        ClientModel client = session.getContext().getClient();
        String clientId = client != null ? client.getClientId() : userInfoClient(context);
        if (clientId == null) {
            return ClientPolicyVote.ABSTAIN;
        }
        return clientIds().contains(clientId) ? ClientPolicyVote.YES : ClientPolicyVote.NO;
    }

    /**
     * Keycloak 26.4 fires {@code USERINFO_REQUEST} before it sets the token's client as the request's client (26.5+
     * after): the client is then the access token's {@code azp}. Read without verifying: it only selects the
     * policy; the userinfo endpoint verifies the token itself.
     */
    private static String userInfoClient(ClientPolicyContext context) {
        if (!(context instanceof UserInfoRequestContext u) || u.getTokenForUserInfo() == null) {
            return null;
        }
        try {
            return new JWSInput(u.getTokenForUserInfo().getToken()).readJsonContent(AccessToken.class).getIssuedFor();
        } catch (JWSInputException | RuntimeException e) {
            return null;
        }
    }

    private List<String> clientIds() {
        Object value = configuration == null ? null : configuration.getConfigAsMap().get(ClientIdsConditionFactory.CLIENTS);
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).map(String::trim).toList();
        }
        if (value instanceof String s) {
            return List.of(s.split("##")).stream().map(String::trim).toList();
        }
        return List.of();
    }

    @Override
    public String getProviderId() {
        return ClientIdsConditionFactory.PROVIDER_ID;
    }
}
