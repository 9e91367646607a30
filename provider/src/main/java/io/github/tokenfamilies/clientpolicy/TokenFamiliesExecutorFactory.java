package io.github.tokenfamilies.clientpolicy;

import java.util.List;
import java.util.Map;

import io.github.tokenfamilies.TokenFamilies;
import io.github.tokenfamilies.config.FamilyConfigProperties;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Client-policy executor "token-families": opts the clients of a policy in and carries their options. */
public class TokenFamiliesExecutorFactory implements ClientPolicyExecutorProviderFactory, ServerInfoAwareProviderFactory {

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
    public Map<String, String> getOperationalInfo() {
        return TokenFamilies.serverInfo();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
