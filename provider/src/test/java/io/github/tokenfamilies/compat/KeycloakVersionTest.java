package io.github.tokenfamilies.compat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeycloakVersionTest {

    @Test
    void onlyTheTestedLinesAreSupported() {
        assertTrue(KeycloakVersion.isSupported("26.4.7"));
        assertTrue(KeycloakVersion.isSupported("26.5.0"));
        assertTrue(KeycloakVersion.isSupported("26.7.3"));
        assertFalse(KeycloakVersion.isSupported("26.6.1"));
        assertFalse(KeycloakVersion.isSupported("26.3.5"));
        assertFalse(KeycloakVersion.isSupported("26.8.0"));
        assertFalse(KeycloakVersion.isSupported("27.0.0"));
        assertFalse(KeycloakVersion.isSupported("999-SNAPSHOT"));
        assertFalse(KeycloakVersion.isSupported(null));
    }
}
