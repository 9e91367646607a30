package io.github.tokenfamilies.rotation;

import org.keycloak.representations.RefreshToken;

/** The two claims that tie a refresh token to its family: signed into the token by Keycloak's own key. */
public record FamilyClaims(String familyId, long generation) {

    public static final String FAMILY_ID = "tf_fid";
    public static final String GENERATION = "tf_gen";

    /** The family position a refresh token carries, or {@code null} for tokens issued outside any family. */
    public static FamilyClaims of(RefreshToken token) {
        if (token == null) {
            return null;
        }
        Object fid = token.getOtherClaims().get(FAMILY_ID);
        Object gen = token.getOtherClaims().get(GENERATION);
        if (!(fid instanceof String f) || !(gen instanceof Number g)) {
            return null;
        }
        return new FamilyClaims(f, g.longValue());
    }

    public void writeTo(RefreshToken token) {
        token.getOtherClaims().put(FAMILY_ID, familyId);
        token.getOtherClaims().put(GENERATION, generation);
    }
}
