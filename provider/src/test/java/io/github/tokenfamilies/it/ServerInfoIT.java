package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.accesstoken.AccessTokenIntrospectionFactory;
import io.github.tokenfamilies.accesstoken.RefreshTokenIntrospectionFactory;
import io.github.tokenfamilies.accesstoken.RequestingPartyTokenIntrospectionFactory;
import io.github.tokenfamilies.clientpolicy.ClientIdsConditionFactory;
import io.github.tokenfamilies.clientpolicy.TokenFamiliesExecutorFactory;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.rotation.FamilyRefreshGrantTypeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JAR loaded into stock Keycloak: every provider of ours is listed in the admin Server Info. */
@ExtendWith(KeycloakExtension.class)
class ServerInfoIT {

    /** SPI → provider id, for every provider this JAR registers. */
    static final List<Map.Entry<String, String>> OURS = List.of(
            Map.entry("client-policy-executor", TokenFamiliesExecutorFactory.PROVIDER_ID),
            Map.entry("client-policy-condition", ClientIdsConditionFactory.PROVIDER_ID),
            Map.entry("oauth2-grant-type", FamilyRefreshGrantTypeFactory.PROVIDER_ID),
            Map.entry("admin-realm-restapi-extension", io.github.tokenfamilies.admin.FamilyAdminResourceProviderFactory.PROVIDER_ID),
            Map.entry("realm-restapi-extension", io.github.tokenfamilies.mobile.MobileResourceProviderFactory.PROVIDER_ID),
            Map.entry("oauth2-token-introspection", AccessTokenIntrospectionFactory.PROVIDER_ID),
            Map.entry("oauth2-token-introspection", RefreshTokenIntrospectionFactory.PROVIDER_ID),
            Map.entry("oauth2-token-introspection", RequestingPartyTokenIntrospectionFactory.PROVIDER_ID));

    @Test
    void everyProviderOfOursIsLoadedAndReportsItsVersion(Kc kc) {
        Reply r = kc.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(kc.baseUrl() + "/admin/serverinfo"))
                .header("Authorization", "Bearer " + kc.adminToken()).GET());
        assertEquals(200, r.status(), r.body());
        JsonNode providers = r.json().path("providers");
        List<String> missing = new ArrayList<>();
        OURS.forEach(e -> {
            JsonNode p = providers.path(e.getKey()).path("providers").path(e.getValue());
            if (p.isMissingNode() || !p.path("operationalInfo").has("token-families-version")) {
                missing.add(e.getKey() + "/" + e.getValue());
            }
        });
        assertTrue(missing.isEmpty(), "not loaded (or stock provider won): " + missing);
    }

    @Test
    void theServerLogSaysKeycloakReallyStartedWithOurJar(Kc kc) {
        String log = kc.server().logText();
        assertTrue(log.contains("Keycloak 26.7.3") || log.contains("Keycloak " + System.getProperty("keycloak.version")),
                "log does not show a Keycloak start");
        // Keycloak 26.7.3's own brute-force protector throws StringIndexOutOfBoundsException in its worker thread
        // when a locked user logs in again (EnumerationIT does): a stock bug, not ours. Any stack trace through our
        // code is a failure, except Keycloak's own report of an e-mail its sender could not deliver (KC-SERVICES0029,
        // logged with the stack of the caller: NewDeviceNotifyIT stops the SMTP server on purpose).
        String unexpected = java.util.Arrays.stream(log.split("\n(?=\\d{4}-\\d{2}-\\d{2} )"))
                .filter(entry -> !entry.contains("KC-SERVICES0029: Failed to send email"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertFalse(unexpected.contains("at io.github.tokenfamilies."), "a stack trace through the extension in the server log");
    }
}
