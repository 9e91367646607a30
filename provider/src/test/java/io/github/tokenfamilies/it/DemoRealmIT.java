package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shipped realm-export.json imported: the clients, users and opt-in policies of DESIGN.md §8 exist. */
@ExtendWith(KeycloakExtension.class)
class DemoRealmIT {

    @Test
    void clientsExistWithTheirAccessTypes(Kc kc) {
        JsonNode mobile = client(kc, "mobile-app");
        assertTrue(mobile.path("publicClient").asBoolean());
        assertEquals("S256", mobile.path("attributes").path("pkce.code.challenge.method").asText());
        assertTrue(mobile.path("redirectUris").toString().contains("com.example.app:/oauth2redirect"));
        JsonNode web = client(kc, "web-app");
        assertTrue(web.path("publicClient").asBoolean());
        assertTrue(web.path("webOrigins").toString().contains("http://localhost:8080"));
        assertFalse(client(kc, "legacy-service").path("publicClient").asBoolean());
    }

    @Test
    void demoUsersCanLogInWithTheReadmePasswords(Kc kc) {
        for (String[] u : new String[][]{{"alice", "alice-demo-password"}, {"bob", "bob-demo-password"}}) {
            Reply r = kc.passwordLoginWithScope("legacy-service", kc.demoUser(u[0], u[1]), "openid offline_access");
            assertEquals(200, r.status(), u[0] + ": " + r);
            assertEquals("Offline", io.github.tokenfamilies.it.support.Jwt.claims(r.refreshToken()).path("typ").asText(),
                    "default roles include offline_access");
        }
    }

    @Test
    void mobileAndWebAppAreOptedInThroughClientPolicies(Kc kc) {
        String policies = kc.adminJson("/client-policies/policies").toString();
        assertTrue(policies.contains("token-families-clients"), policies);
        assertTrue(policies.contains("mobile-app") && policies.contains("web-app"), policies);
        String profiles = kc.adminJson("/client-policies/profiles").toString();
        assertTrue(profiles.contains("\"executor\":\"token-families\""), profiles);
    }

    @Test
    void wellKnownConfigurationIsServed(Kc kc) {
        Reply r = kc.get(kc.realmUrl() + "/.well-known/openid-configuration");
        assertEquals(200, r.status());
        assertTrue(r.field("token_endpoint").endsWith("/realms/demo/protocol/openid-connect/token"));
    }

    @Test
    void dockerComposeUsesThePomsKeycloakVersion() throws Exception {
        String compose = Files.readString(Path.of(System.getProperty("it.compose.file")));
        String pom = Files.readString(Path.of(System.getProperty("it.compose.file")).resolveSibling("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<keycloak.version>([^<]+)</keycloak.version>").matcher(pom);
        assertTrue(m.find(), "pom.xml names keycloak.version");
        assertTrue(compose.contains("quay.io/keycloak/keycloak:" + m.group(1)), compose);
    }

    private static JsonNode client(Kc kc, String clientId) {
        JsonNode list = kc.adminJson("/clients?clientId=" + clientId);
        assertEquals(1, list.size(), clientId + " missing");
        return list.get(0);
    }
}
