package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** keycloak#16081: two code logins of one client in one browser session are two families; reuse kills only one. */
@ExtendWith(KeycloakExtension.class)
class SameBrowserIT {

    static final String REDIRECT = "com.example.app:/oauth2redirect";

    @Test
    void reuseInOneTabLeavesTheOtherTabOfTheSameBrowserSessionWorking(Kc kc) throws Exception {
        TestUser u = kc.createUser("tabs");
        BrowserLogin browser = new BrowserLogin(kc);
        Reply tab1 = browser.login("mobile-app", REDIRECT, u);
        Reply tab2 = browser.login("mobile-app", REDIRECT, u);
        assertEquals(200, tab1.status(), tab1.toString());
        assertEquals(200, tab2.status(), tab2.toString());
        assertEquals(Jwt.claims(tab1.refreshToken()).path("sid").asText(), Jwt.claims(tab2.refreshToken()).path("sid").asText(),
                "same Keycloak session");
        assertNotEquals(Jwt.familyId(tab1.refreshToken()), Jwt.familyId(tab2.refreshToken()), "two families");

        Reply rotated = kc.refresh("mobile-app", tab1.refreshToken());
        assertEquals(200, rotated.status());
        kc.refresh("mobile-app", rotated.refreshToken());
        assertEquals("refresh_token_reused", kc.refresh("mobile-app", tab1.refreshToken()).code());
        assertEquals("family_revoked", kc.refresh("mobile-app", rotated.refreshToken()).code());

        Reply other = kc.refresh("mobile-app", tab2.refreshToken());
        assertEquals(200, other.status(), "the other tab keeps working: " + other);
        assertEquals(200, kc.userinfo(other.accessToken()).status());
    }
}
