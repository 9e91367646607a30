package io.github.tokenfamilies.compat;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.common.Version;

/**
 * The Keycloak lines this JAR was tested with, and the running server's version. On any other version the
 * extension never fails open: it logs an ERROR at start-up naming the version, and the token-families executor
 * refuses every token request of an opted-in client with {@code server_error} (README, Compatibility).
 * <p>
 * The system property {@value #OVERRIDE_PROPERTY} replaces the detected version; it exists so that the test suite can
 * exercise the refusal path on a supported distribution, and must not be set in production.
 */
public final class KeycloakVersion {

    /** Test-only: pretend the server is this Keycloak version. */
    public static final String OVERRIDE_PROPERTY = "token-families.keycloak-version-override";
    /** Major.minor lines the suite runs against (pom.xml profiles, .ci/run). */
    public static final List<String> SUPPORTED_LINES = List.of("26.4", "26.5", "26.7");

    private static final Logger LOG = Logger.getLogger(KeycloakVersion.class);
    private static final String RUNNING = System.getProperty(OVERRIDE_PROPERTY, Version.VERSION);
    private static final boolean SUPPORTED = isSupported(RUNNING);
    private static final java.util.concurrent.atomic.AtomicBoolean REPORTED = new java.util.concurrent.atomic.AtomicBoolean();

    private KeycloakVersion() {
    }

    /** The running Keycloak's version (or the test override). */
    public static String running() {
        return RUNNING;
    }

    /** Whether the running Keycloak is one of {@link #SUPPORTED_LINES}. */
    public static boolean supported() {
        return SUPPORTED;
    }

    static boolean isSupported(String version) {
        if (version == null) {
            return false;
        }
        String[] parts = version.split("\\.");
        return parts.length >= 2 && SUPPORTED_LINES.contains(parts[0] + "." + parts[1]);
    }

    /** Logs the verdict once at start-up: INFO when supported, ERROR otherwise. */
    public static void report(String extensionVersion) {
        if (!REPORTED.compareAndSet(false, true)) {
            return;
        }
        if (SUPPORTED) {
            LOG.infof("Token Families %s on Keycloak %s (tested lines: %s)", extensionVersion, RUNNING, SUPPORTED_LINES);
        } else {
            LOG.errorf("Token Families %s has not been tested with Keycloak %s (tested lines: %s). Opted-in clients' "
                    + "token requests are REFUSED with server_error until Keycloak runs a tested version or the JAR is "
                    + "removed; nothing is issued unprotected.", extensionVersion, RUNNING, SUPPORTED_LINES);
        }
    }
}
