package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** R9: events with family details through the admin events API, one WARN per reuse, no secrets in the log. */
@ExtendWith(KeycloakExtension.class)
class EventsIT {

    @Test
    void rotationReplayAndReuseAreRecordedAsKeycloakEvents(Kc kc) {
        TestUser u = kc.createUser("events");
        Reply login = kc.passwordLogin("mobile-app", u);
        String fid = Jwt.familyId(login.refreshToken());
        Reply r2 = kc.refresh("mobile-app", login.refreshToken());
        kc.refresh("mobile-app", login.refreshToken()); // grace replay
        kc.refresh("mobile-app", r2.refreshToken());
        assertEquals("refresh_token_reused", kc.refresh("mobile-app", login.refreshToken()).code());

        List<JsonNode> refreshes = events(kc, u, "REFRESH_TOKEN");
        assertTrue(refreshes.stream().anyMatch(e -> fid.equals(e.path("details").path("family_id").asText())
                && "2".equals(e.path("details").path("generation").asText())), "rotation event: " + refreshes);
        assertTrue(refreshes.stream().anyMatch(e -> "true".equals(e.path("details").path("grace_replay").asText())),
                "grace replay event");
        List<JsonNode> errors = events(kc, u, "REFRESH_TOKEN_ERROR");
        assertTrue(errors.stream().anyMatch(e -> "refresh_token_reused".equals(e.path("details").path("family_error").asText())
                && fid.equals(e.path("details").path("family_id").asText())), "reuse event: " + errors);
        List<JsonNode> theftLogouts = events(kc, u, "LOGOUT_ERROR");
        assertTrue(theftLogouts.stream().anyMatch(e -> fid.equals(e.path("details").path("family_id").asText())
                && "refresh_token_reused".equals(e.path("error").asText())
                && "refresh_token_reused".equals(e.path("details").path("revoke_reason").asText())), "revocation event: " + theftLogouts);
        assertTrue(events(kc, u, "LOGOUT").stream().noneMatch(e -> fid.equals(e.path("details").path("family_id").asText())),
                "a theft is never recorded as a successful LOGOUT");

        Reply metrics = kc.get(kc.server().managementUrl() + "/metrics");
        assertTrue(metrics.body().contains("token_families_reuse_detected_total{realm=\"demo\"}"), "reuse counter on /metrics");
        assertTrue(metrics.body().contains("token_families_rotations_total{realm=\"demo\"}"), "rotation counter on /metrics");

        long warns = kc.server().logText().lines().filter(l -> l.contains(" WARN ") && l.contains(fid)).count();
        assertEquals(1, warns, "exactly one WARN line for the reuse");
    }

    @Test
    void everyEventOfAFamilyCarriesTheSameDetailKeysAndAnErrorEventTheSection6Code(Kc kc) {
        TestUser u = kc.createUser("events-keys");
        Reply login = kc.mobileLogin("mobile-app", u, "ev-phone", "Ada's Phone");
        String fid = Jwt.familyId(login.refreshToken());
        Reply r2 = kc.mobileRefresh("mobile-app", login.refreshToken(), "ev-phone");
        kc.mobileRefresh("mobile-app", r2.refreshToken(), "ev-phone");
        assertEquals("refresh_token_reused", kc.mobileRefresh("mobile-app", login.refreshToken(), "ev-phone").field("error"));
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", r2.refreshToken(), "ev-phone").field("error"));

        List<JsonNode> family = new java.util.ArrayList<>();
        for (String type : List.of("REFRESH_TOKEN", "REFRESH_TOKEN_ERROR", "LOGOUT", "LOGOUT_ERROR")) {
            events(kc, u, type).stream().filter(e -> fid.equals(e.path("details").path("family_id").asText())).forEach(family::add);
        }
        assertEquals(5, family.size(), "2 rotations, the reuse, its revocation, the later refusal: " + family);
        for (JsonNode e : family) {
            JsonNode d = e.path("details");
            for (String key : List.of("family_id", "device_id", "device_name", "device_platform")) {
                assertTrue(d.hasNonNull(key), key + " missing on " + e);
            }
            assertEquals("Ada's Phone", d.path("device_name").asText(), e.toString());
            if (e.path("type").asText().endsWith("_ERROR")) {
                assertTrue(d.hasNonNull("family_error"), "family_error missing on " + e);
            }
        }
        List<String> codes = family.stream().map(e -> e.path("details").path("family_error").asText()).toList();
        assertTrue(codes.contains("refresh_token_reused") && codes.contains("family_revoked"), codes.toString());
    }

    @Test
    void theServerLogContainsNoTokenOrPasswordTheTestsUsed(Kc kc) {
        TestUser u = kc.createUser("hygiene");
        Reply login = kc.passwordLogin("mobile-app", u);
        kc.refresh("mobile-app", login.refreshToken());
        kc.refresh("mobile-app", login.refreshToken());
        String log = kc.server().logText();
        List<String> leaked = kc.secrets().stream().filter(s -> s.length() > 12 && log.contains(s)).toList();
        assertTrue(leaked.isEmpty(), leaked.size() + " secret values appear in the server log");
    }

    static List<JsonNode> events(Kc kc, TestUser u, String type) {
        JsonNode list = kc.adminJson("/events?type=" + type + "&user=" + u.id() + "&max=100");
        return StreamSupport.stream(list.spliterator(), false).toList();
    }
}
