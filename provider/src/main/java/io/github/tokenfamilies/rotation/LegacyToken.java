package io.github.tokenfamilies.rotation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A refresh token issued to a client before it was opted in: it carries no family claims. Its first refresh
 * starts <em>the</em> family of that token, at a position derived from the token itself (generation 0 of a family
 * whose id is a hash of the token), so a second presentation is a grace retry or a reuse like any other, never a
 * second family.
 */
final class LegacyToken {

    private static final byte[] LABEL = "token-families/legacy-family/v1:".getBytes(StandardCharsets.US_ASCII);

    private LegacyToken() {
    }

    /** The position of a pre-opt-in refresh token: its family id (one-way, not a credential) at generation 0. */
    static FamilyClaims position(String encoded) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(LABEL);
            byte[] digest = sha.digest(encoded.getBytes(StandardCharsets.US_ASCII));
            return new FamilyClaims(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)), 0);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
