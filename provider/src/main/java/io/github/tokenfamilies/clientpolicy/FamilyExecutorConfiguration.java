package io.github.tokenfamilies.clientpolicy;

import java.util.List;

import io.github.tokenfamilies.config.FamilyConfigProperties;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * The {@code token-families} executor's stored configuration, checked when client profiles are saved (admin REST
 * API, admin console, realm import). Values stay in the inherited map, so a configuration stored before this check
 * existed still loads at runtime ({@link io.github.tokenfamilies.config.FamilyConfig#from} falls back to defaults).
 * <p>
 * Keycloak (26.4.7, 26.5.6, 26.7.3: {@code ClientPoliciesUtil.isValidExecutor}, read from the jars) converts each
 * executor's configuration to this class and calls {@link #validateConfig()} only when profiles are saved; a
 * {@code false} there becomes one fixed message ("proposed client profile contains the executor, which does not have
 * valid provider, or has invalid configuration.") that names no field. So an invalid configuration throws instead
 * the {@link ClientPolicyException} that Keycloak itself throws a few frames up: the admin resource turns it into
 * {@code 400 {"errorMessage": <our message>}}, which the console shows. The method cannot declare the checked
 * exception (it overrides a method without {@code throws}), hence {@link #sneakyThrow}.
 */
public final class FamilyExecutorConfiguration extends ClientPolicyExecutorConfigurationRepresentation {

    @Override
    public boolean validateConfig() {
        List<String> problems = FamilyConfigProperties.problems(getConfigAsMap());
        if (!problems.isEmpty()) {
            throw FamilyExecutorConfiguration.<RuntimeException>sneakyThrow(
                    new ClientPolicyException("Invalid token-families executor configuration: " + String.join("; ", problems)));
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }
}
