package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak's UMA grant raises no client-policy event, yet issues a refresh token for the requesting client. For an
 * opted-in client that token carries no family; were it treated as a token from before the opt-in, anyone with the
 * app's access token could start new families past every login rule, and a thief's would outlive the victim's
 * revoked family. It is refused instead.
 */
@ExtendWith(KeycloakExtension.class)
class UmaGrantIT {

    @Test
    void anRptsRefreshTokenCannotStartAFamily(Kc kc) {
        String rs = "photos-api-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = kc.admin("POST", "/clients", "{\"clientId\":\"" + rs + "\",\"enabled\":true,\"publicClient\":false,"
                + "\"secret\":\"rs-secret\",\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,"
                + "\"authorizationServicesEnabled\":true}");
        assertEquals(201, created.status(), created.toString());
        String id = kc.adminJson("/clients?clientId=" + rs).get(0).path("id").asText();
        Reply imported = kc.admin("POST", "/clients/" + id + "/authz/resource-server/import", "{\"policyEnforcementMode\":\"ENFORCING\","
                + "\"decisionStrategy\":\"UNANIMOUS\",\"resources\":[{\"name\":\"photos\",\"uris\":[\"/photos\"]}],"
                + "\"policies\":[{\"name\":\"always\",\"type\":\"time\",\"logic\":\"POSITIVE\",\"decisionStrategy\":\"UNANIMOUS\","
                + "\"config\":{\"nbf\":\"2020-01-01 00:00:00\"}},"
                + "{\"name\":\"photos-permission\",\"type\":\"resource\",\"logic\":\"POSITIVE\",\"decisionStrategy\":\"UNANIMOUS\","
                + "\"config\":{\"resources\":\"[\\\"photos\\\"]\",\"applyPolicies\":\"[\\\"always\\\"]\"}}]}");
        assertTrue(imported.status() / 100 == 2, imported.toString());

        TestUser u = kc.createUser("uma");
        Reply login = kc.passwordLogin("mobile-app", u);
        assertEquals(200, login.status(), login.toString());
        Reply rpt = kc.postForm(kc.tokenUrl(), Map.of("grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket",
                "audience", rs, "permission", "photos"), "Authorization", "Bearer " + login.accessToken());
        assertEquals(200, rpt.status(), "Keycloak grants the RPT: " + rpt);
        String rptRefresh = rpt.refreshToken();
        assertNotNull(rptRefresh, "and a refresh token with it: " + rpt);
        assertNull(Jwt.familyId(rptRefresh), "no client-policy event: outside any family");
        assertEquals("mobile-app", Jwt.claims(rptRefresh).path("azp").asText());

        int before = kc.devicesOf(u.id()).size();
        Reply refreshed = kc.refresh("mobile-app", rptRefresh, "X-Device-Id", "thief-device");
        assertEquals(400, refreshed.status(), "it must not start a family: " + refreshed);
        assertEquals("invalid_request", refreshed.code(), refreshed.toString());
        assertEquals(before, kc.devicesOf(u.id()).size(), "no family was started");
        assertEquals(200, kc.refresh("mobile-app", login.refreshToken()).status(), "the app's own family is untouched");
    }
}
