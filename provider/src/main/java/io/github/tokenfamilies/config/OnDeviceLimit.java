package io.github.tokenfamilies.config;

import java.util.Locale;

/** What a login does when the user already holds {@code max-devices} live families of the client (option {@code on-device-limit}). */
public enum OnDeviceLimit {
    /** The login is refused with {@code device_limit_reached}; the app lets the user pick a device to sign out (default). */
    REFUSE,
    /** The login succeeds; the least recently refreshed family is revoked (reason {@code device_limit}). */
    EVICT_OLDEST;

    /** The admin-console value ({@code refuse}, {@code evict-oldest}), or {@code null} when unknown. */
    public static OnDeviceLimit of(String value) {
        if (value == null) {
            return null;
        }
        for (OnDeviceLimit v : values()) {
            if (v.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        return null;
    }

    /** Like {@link #of}, with {@link #REFUSE} for empty values (unknown values are refused when the executor is saved). */
    public static OnDeviceLimit parse(String value) {
        OnDeviceLimit v = of(value);
        return v == null ? REFUSE : v;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
