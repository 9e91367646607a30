package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The account page's API: the browser's SSO session is the authority, same-origin only, CSRF-guarded. */
@ExtendWith(KeycloakExtension.class)
class AccountDevicesApiIT {

    @Test
    void theSsoSessionListsAndRevokesOnlyFromTheSameOrigin(Kc kc) throws Exception {
        TestUser u = kc.createUser("acct-api");
        Reply phone = kc.mobileLogin("mobile-app", u, "acct-phone", "Acct Phone");
        BrowserLogin browser = new BrowserLogin(kc);
        browser.login("mobile-app", SameBrowserIT.REDIRECT, u);
        String cookie = browser.cookieHeader();
        kc.secrets().add(cookie);
        String url = kc.mobileUrl("account/devices");

        Reply list = kc.get(url, "Cookie", cookie);
        assertEquals(200, list.status(), list.toString());
        assertTrue(list.body().contains("Acct Phone"));
        assertEquals(401, kc.get(url).status(), "no session, no list");
        assertEquals(401, kc.get(url, "Cookie", cookie, "Origin", "https://evil.example").status(), "cross-site");
        String self = kc.baseUrl();
        String lookalike = self.substring(0, self.length() - 1);
        assertEquals(401, kc.get(url, "Cookie", cookie, "Origin", lookalike).status(), "an origin that is only a prefix");

        String fid = Jwt.familyId(phone.refreshToken());
        assertEquals(401, kc.delete(url + "/" + fid, "Cookie", cookie).status(), "revocation needs X-Requested-With");
        assertEquals(200, kc.mobileRefresh("mobile-app", phone.refreshToken(), "acct-phone").status());
        Reply fresh = kc.mobileRefresh("mobile-app", phone.refreshToken(), "acct-phone"); // grace replay: same position
        assertEquals(204, kc.delete(url + "/" + fid, "Cookie", cookie, "X-Requested-With", "x", "Origin", self).status());
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", fresh.refreshToken(), "acct-phone").field("error"));
    }
}
