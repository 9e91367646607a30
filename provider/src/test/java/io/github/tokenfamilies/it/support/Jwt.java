package io.github.tokenfamilies.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a JWT's payload (no verification: tests only look at what the server put in). */
public final class Jwt {

    private Jwt() {
    }

    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return Reply.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not a JWT", e);
        }
    }

    public static String familyId(String refreshToken) {
        return claims(refreshToken).path("tf_fid").asText(null);
    }

    public static long generation(String refreshToken) {
        return claims(refreshToken).path("tf_gen").asLong(-1);
    }
}
