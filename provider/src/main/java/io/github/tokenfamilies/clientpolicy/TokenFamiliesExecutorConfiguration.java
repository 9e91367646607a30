package io.github.tokenfamilies.clientpolicy;

import io.github.tokenfamilies.config.FamilyConfig;
import org.jboss.logging.Logger;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/**
 * The stored options of the {@code token-families} executor. Keycloak calls {@link #validateConfig()} when an admin
 * saves a client profile (ClientPoliciesUtil.isValidExecutor): an invalid device limit is refused there, never
 * silently replaced.
 */
public class TokenFamiliesExecutorConfiguration extends ClientPolicyExecutorConfigurationRepresentation {

    private static final Logger LOG = Logger.getLogger(TokenFamiliesExecutorConfiguration.class);

    @Override
    public boolean validateConfig() {
        String problem = FamilyConfig.deviceLimitProblem(getConfigAsMap());
        if (problem != null) {
            LOG.warnf("token-families executor configuration refused: %s", problem);
            return false;
        }
        return true;
    }
}
