package io.github.tokenfamilies.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.provider.ProviderConfigProperty;

class FamilyConfigPropertiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "301", "2.5", "1e3", "99999999999"})
    void aGraceOutsideWholeNumbers0To300IsOneProblemNamingTheFieldAndTheRange(String grace) {
        List<String> problems = FamilyConfigProperties.problems(Map.of("grace-seconds", grace));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("grace-seconds (Retry grace (seconds)) must be a whole number from 0 to 300"), problems.get(0));
    }

    @Test
    void valuesAsTheConsoleAndRealmExportsStoreThemAreAccepted() {
        Map<String, Object> config = new HashMap<>();
        config.put("grace-seconds", List.of("300"));
        config.put("blast-radius", "USER");
        config.put("notify-user", true);
        config.put("require-device-id", "false");
        config.put("require-dpop", "");
        config.put("cookie-mode", null);
        config.put("someone-elses-key", "anything");
        assertEquals(List.of(), FamilyConfigProperties.problems(config));
        assertEquals(List.of(), FamilyConfigProperties.problems(Map.of("grace-seconds", 0)));
        assertEquals(List.of(), FamilyConfigProperties.problems(null));
    }

    @Test
    void everyInvalidOptionIsReportedAndOverlongValuesAreCut() {
        List<String> problems = FamilyConfigProperties.problems(Map.of("blast-radius", "x".repeat(500), "cookie-mode", "yes"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("blast-radius") && p.contains("family, session, user") && p.length() < 200), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("cookie-mode") && p.contains("true or false")), problems.toString());
    }

    @Test
    void everyOptionIsTypedAndItsLabelAndHelpTextAreMessageKeys() {
        for (ProviderConfigProperty p : FamilyConfigProperties.get()) {
            assertTrue(p.getLabel().matches("tokenFamilies[A-Z][A-Za-z]+"), p.getName() + ": " + p.getLabel());
            assertEquals(p.getLabel() + "Help", p.getHelpText(), p.getName());
            assertFalse(ProviderConfigProperty.STRING_TYPE.equals(p.getType()), p.getName() + " is a free text box");
        }
        ProviderConfigProperty grace = FamilyConfigProperties.get().get(0);
        assertEquals(ProviderConfigProperty.INTEGER_TYPE, grace.getType());
        assertEquals("tokenFamiliesGraceSeconds", grace.getLabel());
        assertTrue(FamilyConfigProperties.OPTIONS.get(0).help().endsWith("0 to 300."), FamilyConfigProperties.OPTIONS.get(0).help());
    }
}
