package io.github.tokenfamilies.clientpolicy;

import java.util.List;

import io.github.tokenfamilies.TokenFamiliesProviderFactory;
import io.github.tokenfamilies.config.FamilyConfigProperties;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Client-policy executor "token-families": opts the clients of a policy in and carries their options. */
public class TokenFamiliesExecutorFactory extends TokenFamiliesProviderFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "token-families";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new TokenFamiliesExecutor(session);
    }

    @Override
    public String getHelpText() {
        return "Refresh-token families: one-time rotation, family-wide revocation on reuse, retry grace and device binding.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return FamilyConfigProperties.get();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
