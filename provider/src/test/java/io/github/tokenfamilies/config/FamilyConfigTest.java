package io.github.tokenfamilies.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FamilyConfigTest {

    @Test
    void defaultsAreExplicit() {
        assertEquals(FamilyConfig.DEFAULTS, FamilyConfig.from(null));
        assertEquals(FamilyConfig.DEFAULTS, FamilyConfig.from(Map.of()));
        assertEquals(30, FamilyConfig.DEFAULTS.graceSeconds());
        assertEquals(BlastRadius.FAMILY, FamilyConfig.DEFAULTS.blastRadius());
        assertFalse(FamilyConfig.DEFAULTS.notifyNewDevice(), "new-device alerts are off by default");
    }

    @Test
    void readsStringsBooleansAndListsAsTheConsoleSavesThem() {
        FamilyConfig c = FamilyConfig.from(Map.of("grace-seconds", List.of("12"), "blast-radius", "USER",
                "notify-user", true, "require-device-id", "true", "require-dpop", List.of("false"), "cookie-mode", "true",
                "notify-new-device", List.of("true")));
        assertEquals(12, c.graceSeconds());
        assertEquals(BlastRadius.USER, c.blastRadius());
        assertTrue(c.notifyUser() && c.requireDeviceId() && c.cookieMode() && c.notifyNewDevice());
    }

    @Test
    void graceIsClampedAndGarbageFallsBack() {
        assertEquals(300, FamilyConfig.from(Map.of("grace-seconds", "9999")).graceSeconds());
        assertEquals(0, FamilyConfig.from(Map.of("grace-seconds", "-5")).graceSeconds());
        assertEquals(30, FamilyConfig.from(Map.of("grace-seconds", "soon")).graceSeconds());
        assertEquals(BlastRadius.FAMILY, FamilyConfig.from(Map.of("blast-radius", "galaxy")).blastRadius());
    }

    @Test
    void deviceLimitDefaultsToNoLimitAndRefuse() {
        assertEquals(0, FamilyConfig.DEFAULTS.maxDevices());
        assertEquals(OnDeviceLimit.REFUSE, FamilyConfig.DEFAULTS.onDeviceLimit());
        FamilyConfig c = FamilyConfig.from(Map.of("max-devices", List.of("3"), "on-device-limit", "evict-oldest"));
        assertEquals(3, c.maxDevices());
        assertEquals(OnDeviceLimit.EVICT_OLDEST, c.onDeviceLimit());
        assertTrue(c.limitsDevices());
    }

    @Test
    void invalidDeviceLimitsAreNamedForTheAdmin() {
        assertTrue(FamilyConfigProperties.problems(Map.of("max-devices", "0", "on-device-limit", "refuse")).isEmpty());
        assertTrue(FamilyConfigProperties.problems(Map.of("max-devices", "", "on-device-limit", List.of())).isEmpty());
        assertTrue(FamilyConfigProperties.problems(Map.of("max-devices", "-1")).get(0).contains("max-devices"));
        assertTrue(FamilyConfigProperties.problems(Map.of("max-devices", "three")).get(0).contains("max-devices"));
        assertTrue(FamilyConfigProperties.problems(Map.of("on-device-limit", "evict-newest")).get(0).contains("on-device-limit"));
    }
}
