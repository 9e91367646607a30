package io.github.tokenfamilies.clientpolicy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.TokenFamiliesProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProviderFactory;

/**
 * Client-policy condition "token-families-clients": true for the listed client ids. A list naming a client the realm
 * does not have is refused when the policies are saved, so a typo cannot silently leave a client unprotected.
 */
public class ClientIdsConditionFactory extends TokenFamiliesProviderFactory implements ClientPolicyConditionProviderFactory {

    public static final String PROVIDER_ID = "token-families-clients";
    static final String CLIENTS = "clients";
    /** The field's label and help text: message keys of theme-resources/messages, translated by the admin console. */
    static final String LABEL_KEY = "tokenFamiliesClients";
    private static final int MAX_ECHO = 60;

    @Override
    public ClientPolicyConditionProvider create(KeycloakSession session) {
        return new ClientIdsCondition(session);
    }

    /**
     * Called by Keycloak (26.4, 26.5, 26.7: {@code ClientPoliciesUtil.validateConditionConfig}) when client policies
     * are saved or imported, with the realm being configured; the message reaches the caller as
     * {@code 400 {"errorMessage": "Invalid token-families-clients configuration - <message>"}}.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ClientPolicyConditionRepresentation condition)
            throws ClientPolicyException {
        if (realm == null) {
            return; // no realm to look clients up in (never the case for the admin API or a realm import)
        }
        for (String clientId : clientIds(condition.getConfiguration())) {
            if (!clientId.isEmpty() && realm.getClientByClientId(clientId) == null) {
                String shown = clientId.length() > MAX_ECHO ? clientId.substring(0, MAX_ECHO) + "…" : clientId;
                throw new ClientPolicyException(CLIENTS + " (Client ids): realm " + realm.getName() + " has no client with client id \""
                        + shown.replaceAll("\\p{Cntrl}", "?") + "\" (client ids, not UUIDs)");
            }
        }
    }

    /** The condition's {@code clients}: a JSON list, or a string joined with "##" as the admin console may store it. */
    static Set<String> clientIds(JsonNode config) {
        JsonNode clients = config == null ? null : config.get(CLIENTS);
        Set<String> ids = new LinkedHashSet<>();
        if (clients != null && clients.isArray()) {
            clients.forEach(n -> ids.add(n.asText().trim()));
        } else if (clients != null && clients.isTextual()) {
            for (String s : clients.asText().split("##")) {
                ids.add(s.trim());
            }
        }
        return ids;
    }

    @Override
    public String getHelpText() {
        return "Matches the clients listed by client id. Use it with the token-families executor to opt clients in.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CLIENTS).label(LABEL_KEY).helpText(LABEL_KEY + "Help")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .build();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
