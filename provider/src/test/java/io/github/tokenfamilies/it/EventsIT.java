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
        List<JsonNode> logouts = events(kc, u, "LOGOUT");
        assertTrue(logouts.stream().anyMatch(e -> fid.equals(e.path("details").path("family_id").asText())
                && "refresh_token_reused".equals(e.path("details").path("reason").asText())), "revocation event: " + logouts);

        Reply metrics = kc.get(kc.server().managementUrl() + "/metrics");
        assertTrue(metrics.body().contains("token_families_reuse_detected_total{realm=\"demo\"}"), "reuse counter on /metrics");
        assertTrue(metrics.body().contains("token_families_rotations_total{realm=\"demo\"}"), "rotation counter on /metrics");

        long warns = kc.server().logText().lines().filter(l -> l.contains(" WARN ") && l.contains(fid)).count();
        assertEquals(1, warns, "exactly one WARN line for the reuse");
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
