package io.github.tokenfamilies.clientpolicy;

import java.util.List;

import io.github.tokenfamilies.TokenFamiliesProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProviderFactory;

/** Client-policy condition "token-families-clients": true for the listed client ids. */
public class ClientIdsConditionFactory extends TokenFamiliesProviderFactory implements ClientPolicyConditionProviderFactory {

    public static final String PROVIDER_ID = "token-families-clients";
    static final String CLIENTS = "clients";

    @Override
    public ClientPolicyConditionProvider create(KeycloakSession session) {
        return new ClientIdsCondition(session);
    }

    @Override
    public String getHelpText() {
        return "Matches the clients listed by client id. Use it with the token-families executor to opt clients in.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CLIENTS).label("Client ids")
                .helpText("Client ids (not UUIDs) this condition matches.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .build();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
