package io.github.tokenfamilies.config;

import java.util.Locale;

/** What a detected reuse revokes (DESIGN.md R5). */
public enum BlastRadius {
    /** Only the token family (default). */
    FAMILY,
    /** The whole Keycloak user session the family belongs to. */
    SESSION,
    /** Every session of the user. */
    USER;

    /** Parses the admin-console value; unknown or empty values fall back to {@link #FAMILY}. */
    public static BlastRadius parse(String value) {
        if (value == null || value.isBlank()) {
            return FAMILY;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return FAMILY;
        }
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
