package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN.md §4: options are validated when saved, through the admin REST API the console uses. An invalid value is
 * refused (400) with a message naming the field and what it accepts, and nothing is stored.
 */
@ExtendWith(KeycloakExtension.class)
class ConfigValidationIT {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "301", "2.5"})
    void aGraceThatIsNotAWholeNumberFrom0To300IsRefusedNamingTheFieldAndTheRange(String grace, Kc kc) {
        String profile = "it-bad-grace";
        Reply r = kc.putProfile(profile, Map.of("grace-seconds", grace));
        assertEquals(400, r.status(), r.toString());
        String message = r.json().path("errorMessage").asText();
        assertTrue(message.contains("grace-seconds") && message.contains("0 to 300"), message);
        assertFalse(profileNames(kc).contains(profile), "nothing stored");
    }

    @Test
    void aGraceGivenAsAJsonNumberOutOfRangeIsRefusedToo(Kc kc) {
        Reply r = kc.putProfile("it-bad-grace-number", Map.of("grace-seconds", 301));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.json().path("errorMessage").asText().contains("grace-seconds"), r.toString());
    }

    @Test
    void anUnknownBlastRadiusOrANonBooleanSwitchIsRefusedNamingTheField(Kc kc) {
        Reply radius = kc.putProfile("it-bad-radius", Map.of("blast-radius", "everything"));
        assertEquals(400, radius.status(), radius.toString());
        String m = radius.json().path("errorMessage").asText();
        assertTrue(m.contains("blast-radius") && m.contains("family, session, user"), m);

        Reply notify = kc.putProfile("it-bad-notify", Map.of("notify-user", "maybe"));
        assertEquals(400, notify.status(), notify.toString());
        assertTrue(notify.json().path("errorMessage").asText().contains("notify-user"), notify.toString());
    }

    @Test
    void aValidConfigurationIsAcceptedAndReadBackAsSaved(Kc kc) {
        String profile = "it-good-config";
        Reply r = kc.putProfile(profile, Map.of("grace-seconds", "300", "blast-radius", "session", "notify-user", "true",
                "require-device-id", "false"));
        assertEquals(204, r.status(), r.toString());
        JsonNode saved = executorConfigOf(kc, profile);
        assertEquals("300", saved.path("grace-seconds").asText());
        assertEquals("session", saved.path("blast-radius").asText());
        assertEquals(204, kc.putProfile(profile, Map.of("grace-seconds", "0")).status(), "0 is in range");
        assertEquals(204, kc.putProfile(profile, Map.of()).status(), "an empty option means its default");
    }

    @Test
    void aConditionNamingAClientTheRealmDoesNotHaveIsRefusedNamingTheClient(Kc kc) {
        String profile = "it-cond-profile";
        assertEquals(204, kc.putProfile(profile, Map.of()).status());
        Reply r = kc.putPolicy("it-typo", List.of("mobile-app", "no-such-client"), profile);
        assertEquals(400, r.status(), r.toString());
        String message = r.json().path("errorMessage").asText();
        assertTrue(message.contains("clients") && message.contains("no-such-client"), message);
        assertFalse(kc.adminJson("/client-policies/policies").toString().contains("it-typo"), "nothing stored");

        kc.createPublicClient("cond-known-app");
        Reply ok = kc.putPolicy("it-known", List.of("cond-known-app"), profile);
        assertEquals(204, ok.status(), ok.toString());
    }

    private static List<String> profileNames(Kc kc) {
        return kc.adminJson("/client-policies/profiles").path("profiles").findValuesAsText("name");
    }

    private static JsonNode executorConfigOf(Kc kc, String profile) {
        for (JsonNode p : kc.adminJson("/client-policies/profiles").path("profiles")) {
            if (profile.equals(p.path("name").asText())) {
                return p.path("executors").get(0).path("configuration");
            }
        }
        throw new AssertionError("profile " + profile + " not stored");
    }
}
