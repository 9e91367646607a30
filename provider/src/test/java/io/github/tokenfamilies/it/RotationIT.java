package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** R1–R3 on the standard token endpoint for the opted-in mobile-app client. */
@ExtendWith(KeycloakExtension.class)
class RotationIT {

    static final String APP = "mobile-app";

    @Test
    void everyRefreshReturnsTheNextGenerationOfTheSameFamily(Kc kc) {
        TestUser u = kc.createUser("rot");
        Reply login = kc.passwordLogin(APP, u);
        assertEquals(200, login.status(), login.toString());
        String fid = Jwt.familyId(login.refreshToken());
        assertNotNull(fid, "login starts a family");
        assertEquals(1, Jwt.generation(login.refreshToken()));
        String rt = login.refreshToken();
        for (int gen = 2; gen <= 4; gen++) {
            Reply r = kc.refresh(APP, rt);
            assertEquals(200, r.status(), r.toString());
            assertEquals(fid, Jwt.familyId(r.refreshToken()));
            assertEquals(gen, Jwt.generation(r.refreshToken()));
            assertNotEquals(rt, r.refreshToken());
            rt = r.refreshToken();
        }
    }

    @Test
    void reuseAfterTheChildWasUsedRevokesTheWholeFamilyButNotTheOtherLogin(Kc kc) {
        TestUser u = kc.createUser("reuse");
        Reply phone = kc.passwordLogin(APP, u);
        Reply tablet = kc.passwordLogin(APP, u);
        String rt1 = phone.refreshToken();
        Reply r2 = kc.refresh(APP, rt1);
        Reply r3 = kc.refresh(APP, r2.refreshToken());
        assertEquals(200, r3.status());

        Reply reuse = kc.refresh(APP, rt1);
        assertEquals(400, reuse.status(), reuse.toString());
        assertEquals("invalid_grant", reuse.field("error"));
        assertEquals("refresh_token_reused", reuse.code());

        Reply live = kc.refresh(APP, r3.refreshToken());
        assertEquals("family_revoked", live.code(), "the live position of the family is dead too: " + live);
        assertEquals(401, kc.userinfo(r3.accessToken()).status(), "the family's access token fails at userinfo");
        assertFalse(kc.active(r3.accessToken()), "and at introspection");

        Reply other = kc.refresh(APP, tablet.refreshToken());
        assertEquals(200, other.status(), "the user's other login keeps working: " + other);
        assertEquals(200, kc.userinfo(other.accessToken()).status());
    }

    @Test
    void sameSecondChainThenTheFirstTokenIsAReuse(Kc kc) {
        TestUser u = kc.createUser("chain");
        String rt1 = kc.passwordLogin(APP, u).refreshToken();
        String rt2 = kc.refresh(APP, rt1).refreshToken();
        String rt3 = kc.refresh(APP, rt2).refreshToken();
        assertNotNull(rt3);
        assertEquals("refresh_token_reused", kc.refresh(APP, rt1).code());
    }

    @Test
    void retryWithinTheGraceWindowGetsTheSameBytesAndAfterTheChildIsUsedItIsAReuse(Kc kc) {
        TestUser u = kc.createUser("grace");
        String rt1 = kc.passwordLogin(APP, u).refreshToken();
        Reply first = kc.refresh(APP, rt1);
        Reply retry = kc.refresh(APP, rt1);
        assertEquals(200, retry.status(), retry.toString());
        assertEquals(first.body(), retry.body(), "byte-identical reply");
        Reply child = kc.refresh(APP, first.refreshToken());
        assertEquals(200, child.status());
        assertEquals("refresh_token_reused", kc.refresh(APP, rt1).code());
    }

    @Test
    void offlineTokensFollowTheSameRules(Kc kc) {
        TestUser u = kc.createUser("offline");
        Reply login = kc.passwordLoginWithScope(APP, u, "openid offline_access");
        assertEquals("Offline", Jwt.claims(login.refreshToken()).path("typ").asText());
        String rt1 = login.refreshToken();
        Reply r2 = kc.refresh(APP, rt1);
        assertEquals(200, r2.status(), r2.toString());
        assertEquals(2, Jwt.generation(r2.refreshToken()));
        assertEquals(r2.body(), kc.refresh(APP, rt1).body(), "grace replay for offline tokens");
        Reply r3 = kc.refresh(APP, r2.refreshToken());
        assertEquals(200, r3.status());
        assertEquals("refresh_token_reused", kc.refresh(APP, rt1).code());
        assertEquals("family_revoked", kc.refresh(APP, r3.refreshToken()).code());
        assertTrue(true);
    }
}
