package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signing out in the stock admin console revokes the families of those sessions (family_revoked). */
@ExtendWith(KeycloakExtension.class)
class AdminSignOutIT {

    @Test
    void signingOneSessionOutInTheAdminConsoleRevokesItsFamily(Kc kc) {
        TestUser u = kc.createUser("so-one");
        Reply phone = kc.mobileLogin("mobile-app", u, "s-phone", "Phone");
        Reply tablet = kc.mobileLogin("mobile-app", u, "s-tablet", "Tablet");
        String sid = Jwt.claims(phone.refreshToken()).path("sid").asText();
        assertEquals(204, kc.admin("DELETE", "/sessions/" + sid, null).status()); // Users → Sessions → Sign out
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", phone.refreshToken(), "s-phone").field("error"));
        assertEquals("family_revoked", kc.refresh("mobile-app", phone.refreshToken(), "X-Device-Id", "s-phone").code());
        assertEquals(200, kc.mobileRefresh("mobile-app", tablet.refreshToken(), "s-tablet").status());
    }

    @Test
    void signingTheUserOutRevokesAllHerFamilies(Kc kc) {
        TestUser u = kc.createUser("so-user");
        Reply phone = kc.mobileLogin("mobile-app", u, "u-phone", "Phone");
        assertEquals(204, kc.admin("POST", "/users/" + u.id() + "/logout", null).status());
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", phone.refreshToken(), "u-phone").field("error"));
    }

    @Test
    void signOutAllActiveSessionsRevokesEveryFamily(Kc kc) {
        TestUser u = kc.createUser("so-all");
        Reply phone = kc.mobileLogin("mobile-app", u, "all-phone", "Phone");
        Reply offline = kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"mobile-app\",\"username\":\"" + u.username()
                + "\",\"password\":\"" + u.password() + "\",\"scope\":\"openid offline_access\",\"device\":{\"id\":\"all-off\"}}");
        assertEquals(200, kc.admin("POST", "/logout-all", null).status()); // Sessions → Sign out all active sessions
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", phone.refreshToken(), "all-phone").field("error"));
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", offline.refreshToken(), "all-off").field("error"));
    }
}
