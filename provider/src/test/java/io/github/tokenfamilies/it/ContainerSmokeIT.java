package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same JAR and realm in the official image of the pinned version, through testcontainers-keycloak. Runs where
 * a Docker engine is available; skipped cleanly elsewhere (the CI machine has none).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerSmokeIT {

    @Container
    static final KeycloakContainer KEYCLOAK = new KeycloakContainer("quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version"))
            .withProviderLibsFrom(List.of(new File(System.getProperty("it.provider.jar"))))
            .withRealmImportFile("/realm-export.json");

    @Test
    void theMobileEndpointAnswersInTheOfficialImage() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(KEYCLOAK.getAuthServerUrl() + "/realms/demo/mobile/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"password\","
                        + "\"client_id\":\"mobile-app\",\"username\":\"alice\",\"password\":\"alice-demo-password\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
