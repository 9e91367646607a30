package io.github.tokenfamilies.clientpolicy;

import java.util.Collection;
import java.util.List;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientPolicyConditionConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyVote;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProvider;

/** Matches the clients whose client ids an admin listed: the opt-in switch for token families. */
final class ClientIdsCondition extends AbstractClientPolicyConditionProvider<ClientPolicyConditionConfigurationRepresentation> {

    ClientIdsCondition(KeycloakSession session) {
        super(session);
    }

    @Override
    public ClientPolicyVote applyPolicy(ClientPolicyContext context) {
        ClientModel client = session.getContext().getClient();
        if (client == null) {
            return ClientPolicyVote.ABSTAIN;
        }
        return clientIds().contains(client.getClientId()) ? ClientPolicyVote.YES : ClientPolicyVote.NO;
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
