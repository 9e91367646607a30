package io.github.tokenfamilies;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * Facts about this extension that Keycloak's admin console shows in Server Info (provider tab).
 */
public final class TokenFamilies {

    /** The extension's version, from the JAR's build metadata. */
    public static final String VERSION = readVersion();

    private TokenFamilies() {
    }

    /** Operational info every factory of ours reports through {@code ServerInfoAwareProviderFactory}. */
    public static Map<String, String> serverInfo() {
        return Map.of("token-families-version", VERSION);
    }

    private static String readVersion() {
        try (InputStream in = TokenFamilies.class.getResourceAsStream("/META-INF/token-families.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
