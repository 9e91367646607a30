package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, defect 7: an offline login after an online login in the same browser makes Keycloak copy the online
 * client session's notes into the offline session. Each family still lives in one place, is listed once, and
 * revoking the offline family removes the offline session.
 */
@ExtendWith(KeycloakExtension.class)
class OfflineCopyIT {

    private static final String REDIRECT = "com.example.app:/oauth2redirect";

    @Test
    void anOfflineLoginAfterAnOnlineOneMakesNoGhostFamily(Kc kc) throws Exception {
        TestUser u = kc.createUser("ghost");
        BrowserLogin browser = new BrowserLogin(kc);
        Reply online = browser.login("mobile-app", REDIRECT, u);
        Reply offline = browser.loginWithScope("mobile-app", REDIRECT, u, "openid offline_access");
        assertEquals(200, online.status(), online.toString());
        assertEquals(200, offline.status(), offline.toString());
        assertEquals("Offline", Jwt.claims(offline.refreshToken()).path("typ").asText());
        String onlineFamily = Jwt.familyId(online.refreshToken());
        String offlineFamily = Jwt.familyId(offline.refreshToken());
        assertNotEquals(onlineFamily, offlineFamily);

        JsonNode devices = kc.devicesOf(u.id());
        Set<String> ids = new HashSet<>();
        devices.forEach(d -> ids.add(d.path("id").asText()));
        assertEquals(Set.of(onlineFamily, offlineFamily), ids, "each family listed: " + devices);
        assertEquals(2, devices.size(), "each family listed once: " + devices);

        Reply revoke = kc.admin("DELETE", "/token-families/users/" + u.id() + "/devices/" + offlineFamily, null);
        assertEquals(204, revoke.status(), revoke.toString());
        String clientUuid = kc.adminJson("/clients?clientId=mobile-app").get(0).path("id").asText();
        JsonNode offlineSessions = kc.adminJson("/users/" + u.id() + "/offline-sessions/" + clientUuid);
        assertEquals(0, offlineSessions.size(), "the offline family was alone in the offline session, which is gone: " + offlineSessions);
        assertEquals("family_revoked", kc.refresh("mobile-app", offline.refreshToken()).code());

        Reply stillOnline = kc.refresh("mobile-app", online.refreshToken());
        assertEquals(200, stillOnline.status(), "the online family is untouched: " + stillOnline);
        assertEquals(1, kc.devicesOf(u.id()).size());
    }
}
