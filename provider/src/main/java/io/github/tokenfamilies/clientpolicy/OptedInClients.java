package io.github.tokenfamilies.clientpolicy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.config.FamilyConfig;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.util.JsonSerialization;

/**
 * The clients of a realm that are opted in to token families, outside client-policy events (where
 * {@link FamilyConfig#current} is not set): read from the realm's client policies and profiles through Keycloak's
 * client-policy manager ({@code session.clientPolicy()}), once per request.
 * <p>
 * A client is opted in when an <em>enabled</em> realm policy has one or more {@code token-families-clients}
 * conditions that all match its client id (listed, or not listed with "negative logic") and one of the policy's
 * profiles holds the {@code token-families} executor. Other conditions of such a policy depend on the request and
 * are not evaluated here. Where several executors apply, the last one wins, as it does during an event.
 */
public final class OptedInClients {

    private static final Logger LOG = Logger.getLogger(OptedInClients.class);
    private static final String ATTRIBUTE = OptedInClients.class.getName() + ":";

    /** One opting-in executor: the condition lists of its policy and its configuration. */
    private record Grant(List<Set<String>> listed, List<Boolean> negative, FamilyConfig config) {

        boolean matches(String clientId) {
            for (int i = 0; i < listed.size(); i++) {
                if (listed.get(i).contains(clientId) == negative.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Grant> grants;

    private OptedInClients(List<Grant> grants) {
        this.grants = grants;
    }

    /** The opted-in clients of {@code realm}, read once per Keycloak session (request). */
    public static OptedInClients of(KeycloakSession session, RealmModel realm) {
        String key = ATTRIBUTE + realm.getId();
        OptedInClients cached = session.getAttribute(key, OptedInClients.class);
        if (cached == null) {
            cached = new OptedInClients(read(session, realm));
            session.setAttribute(key, cached);
        }
        return cached;
    }

    /** Whether the client (by client id, not UUID) is opted in. */
    public boolean contains(String clientId) {
        return config(clientId).isPresent();
    }

    /** The executor configuration that applies to the client, or empty when it is not opted in. */
    public Optional<FamilyConfig> config(String clientId) {
        FamilyConfig found = null;
        if (clientId != null) {
            for (Grant g : grants) {
                if (g.matches(clientId)) {
                    found = g.config();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The client ids that the policies name and opt in. Clients opted in only through "negative logic" (every client
     * but the listed ones) cannot be enumerated without a scan of all clients and are left out.
     */
    public Set<String> listedClientIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Grant g : grants) {
            for (int i = 0; i < g.listed().size(); i++) {
                if (!g.negative().get(i)) {
                    g.listed().get(i).stream().filter(g::matches).forEach(ids::add);
                }
            }
        }
        return ids;
    }

    private static List<Grant> read(KeycloakSession session, RealmModel realm) {
        List<ClientPolicyRepresentation> policies;
        List<ClientProfileRepresentation> profiles;
        try {
            policies = session.clientPolicy().getClientPolicies(realm, false).getPolicies();
            profiles = session.clientPolicy().getClientProfiles(realm, false).getProfiles();
        } catch (ClientPolicyException e) {
            LOG.warnf("client policies of realm %s could not be read (%s): no client counts as opted in", realm.getName(), e.getError());
            return List.of();
        }
        List<Grant> grants = new ArrayList<>();
        for (ClientPolicyRepresentation policy : nonNull(policies)) {
            if (!Boolean.TRUE.equals(policy.isEnabled())) {
                continue;
            }
            List<Set<String>> listed = new ArrayList<>();
            List<Boolean> negative = new ArrayList<>();
            for (ClientPolicyConditionRepresentation c : nonNull(policy.getConditions())) {
                if (ClientIdsConditionFactory.PROVIDER_ID.equals(c.getConditionProviderId())) {
                    listed.add(ClientIdsConditionFactory.clientIds(c.getConfiguration()));
                    negative.add(c.getConfiguration() != null && c.getConfiguration().path("is-negative-logic").asBoolean(false));
                }
            }
            if (listed.isEmpty()) {
                continue;
            }
            for (String name : nonNull(policy.getProfiles())) {
                for (ClientProfileRepresentation profile : nonNull(profiles)) {
                    if (name.equals(profile.getName())) {
                        for (ClientPolicyExecutorRepresentation e : nonNull(profile.getExecutors())) {
                            if (TokenFamiliesExecutorFactory.PROVIDER_ID.equals(e.getExecutorProviderId())) {
                                grants.add(new Grant(listed, negative, FamilyConfig.from(map(e.getConfiguration()))));
                            }
                        }
                    }
                }
            }
        }
        return grants;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode config) {
        return config == null || !config.isObject() ? null : JsonSerialization.mapper.convertValue(config, Map.class);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? Collections.emptyList() : list;
    }
}
