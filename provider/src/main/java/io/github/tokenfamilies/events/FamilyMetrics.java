package io.github.tokenfamilies.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Counters on Keycloak's {@code /metrics} (management port, with {@code --metrics-enabled=true}), tagged by realm:
 * {@code token_families_rotations_total}, {@code token_families_grace_replays_total},
 * {@code token_families_reuse_detected_total}, {@code token_families_device_mismatch_total},
 * {@code token_families_revocations_total} (tag {@code reason}). Micrometer's global registry is Keycloak's own.
 */
public final class FamilyMetrics {

    private static final java.util.concurrent.ConcurrentMap<String, Counter> COUNTERS = new java.util.concurrent.ConcurrentHashMap<>();

    private FamilyMetrics() {
    }

    public static void rotation(String realm) {
        count("token_families_rotations", realm);
    }

    public static void graceReplay(String realm) {
        count("token_families_grace_replays", realm);
    }

    public static void theft(String realm, String code) {
        count("refresh_token_reused".equals(code) ? "token_families_reuse_detected" : "token_families_device_mismatch", realm);
    }

    public static void revocation(String realm, String reason) {
        Metrics.counter("token_families_revocations", "realm", String.valueOf(realm), "reason", String.valueOf(reason)).increment();
    }

    private static void count(String name, String realm) {
        // one lookup per (counter, realm) and JVM: building the meter id on every rotation showed in the profile
        COUNTERS.computeIfAbsent(name + '\u0000' + realm, k -> Metrics.counter(name, "realm", String.valueOf(realm))).increment();
    }
}
