package io.github.tokenfamilies.config;

import java.util.Map;

import org.keycloak.models.KeycloakSession;

/**
 * Per-client options of the {@code token-families} client-policy executor, read once, null-safe, with explicit
 * defaults. The executor stores the effective config of the current client in the request's session attributes,
 * where the rotation code finds it: no config there means the client is not opted in.
 */
public record FamilyConfig(int graceSeconds, BlastRadius blastRadius, boolean notifyUser,
                           boolean requireDeviceId, boolean requireDpop, boolean cookieMode,
                           int maxDevices, OnDeviceLimit onDeviceLimit, boolean notifyNewDevice) {

    public static final String GRACE_SECONDS = "grace-seconds";
    public static final String BLAST_RADIUS = "blast-radius";
    public static final String NOTIFY_USER = "notify-user";
    public static final String REQUIRE_DEVICE_ID = "require-device-id";
    public static final String REQUIRE_DPOP = "require-dpop";
    public static final String COOKIE_MODE = "cookie-mode";
    public static final String MAX_DEVICES = "max-devices";
    public static final String ON_DEVICE_LIMIT = "on-device-limit";
    /** The highest device limit the form accepts. */
    public static final int MAX_DEVICES_LIMIT = 1000;
    public static final String NOTIFY_NEW_DEVICE = "notify-new-device";

    public static final int DEFAULT_GRACE_SECONDS = 30;
    public static final int MAX_GRACE_SECONDS = 300;

    public static final FamilyConfig DEFAULTS =
            new FamilyConfig(DEFAULT_GRACE_SECONDS, BlastRadius.FAMILY, false, false, false, false, 0, OnDeviceLimit.REFUSE, false);

    private static final String SESSION_ATTRIBUTE = FamilyConfig.class.getName();

    /** Builds the config from the executor's stored configuration map (values may be strings, booleans or lists). */
    public static FamilyConfig from(Map<String, Object> map) {
        if (map == null) {
            return DEFAULTS;
        }
        int grace = clamp(parseInt(text(map.get(GRACE_SECONDS)), DEFAULT_GRACE_SECONDS));
        return new FamilyConfig(grace,
                BlastRadius.parse(text(map.get(BLAST_RADIUS))),
                bool(map.get(NOTIFY_USER)),
                bool(map.get(REQUIRE_DEVICE_ID)),
                bool(map.get(REQUIRE_DPOP)),
                bool(map.get(COOKIE_MODE)),
                Math.max(0, parseInt(text(map.get(MAX_DEVICES)), 0)),
                OnDeviceLimit.parse(text(map.get(ON_DEVICE_LIMIT))),
                bool(map.get(NOTIFY_NEW_DEVICE)));
    }

    /** Whether {@code max-devices} limits this client's live families per user (0: no limit). */
    public boolean limitsDevices() {
        return maxDevices > 0;
    }

    /** The config of the current request's client, or {@code null} when the client is not opted in. */
    public static FamilyConfig current(KeycloakSession session) {
        return session.getAttribute(SESSION_ATTRIBUTE, FamilyConfig.class);
    }

    /** Marks the current request's client as opted in with this config. */
    public void attachTo(KeycloakSession session) {
        session.setAttribute(SESSION_ATTRIBUTE, this);
    }

    private static String text(Object value) {
        return FamilyOption.text(value);
    }

    private static boolean bool(Object value) {
        return Boolean.parseBoolean(text(value));
    }

    private static int parseInt(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int clamp(int grace) {
        return Math.max(0, Math.min(MAX_GRACE_SECONDS, grace));
    }
}
