package io.github.tokenfamilies.accesstoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import io.github.tokenfamilies.rotation.FamilyClaims;
import org.junit.jupiter.api.Test;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;

class FamilyMarkTest {

    static TokenManager.AccessTokenResponseBuilder builder(AccessToken access, RefreshToken refresh) {
        TokenManager.AccessTokenResponseBuilder b = mock(TokenManager.AccessTokenResponseBuilder.class);
        when(b.getAccessToken()).thenReturn(access);
        when(b.getRefreshToken()).thenReturn(refresh);
        return b;
    }

    /** A refresh token with these claims (mocked: RefreshToken's constructors differ between Keycloak lines). */
    static RefreshToken refreshToken(Map<String, Object> claims) {
        RefreshToken t = mock(RefreshToken.class);
        when(t.getOtherClaims()).thenReturn(new HashMap<>(claims));
        return t;
    }

    @Test
    void theAccessTokenGetsTheFamilyIdOfTheRefreshTokenIssuedWithIt() {
        AccessToken access = new AccessToken();
        RefreshToken refresh = refreshToken(Map.of(FamilyClaims.FAMILY_ID, "fam-1", FamilyClaims.GENERATION, 3L));
        FamilyMark.copy(builder(access, refresh));
        assertEquals("fam-1", FamilyStanding.familyId(access));
        assertFalse(access.getOtherClaims().containsKey(FamilyClaims.GENERATION), "only the family id");
    }

    @Test
    void tokensOutsideAnyFamilyAreLeftAlone() {
        AccessToken access = new AccessToken();
        FamilyMark.copy(builder(access, refreshToken(Map.of())));
        FamilyMark.copy(builder(access, null));
        FamilyMark.copy(builder(null, null));
        assertNull(FamilyStanding.familyId(access));
        assertEquals(0, access.getOtherClaims().size());
    }
}
