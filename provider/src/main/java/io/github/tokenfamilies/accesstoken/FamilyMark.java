package io.github.tokenfamilies.accesstoken;

import io.github.tokenfamilies.rotation.FamilyClaims;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;

/**
 * Copies the family id of the refresh token being issued into the access token issued with it, as the signed
 * claim {@code tf_fid}. Runs on the *_RESPONSE client-policy events, where Keycloak has built both tokens and
 * not yet encoded them.
 */
final class FamilyMark {

    private FamilyMark() {
    }

    static void copy(TokenManager.AccessTokenResponseBuilder builder) {
        AccessToken access = builder.getAccessToken();
        FamilyClaims family = FamilyClaims.of(builder.getRefreshToken());
        if (access != null && family != null) {
            access.getOtherClaims().put(FamilyClaims.FAMILY_ID, family.familyId());
        }
    }
}
