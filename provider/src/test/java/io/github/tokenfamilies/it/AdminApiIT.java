package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DESIGN.md §7 admin API: Keycloak's own admin permissions decide who may list and revoke. */
@ExtendWith(KeycloakExtension.class)
class AdminApiIT {

    static String base(Kc kc) {
        return kc.baseUrl() + "/admin/realms/demo/token-families/users/";
    }

    static Reply call(Kc kc, String method, String url, String token) {
        return kc.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    static String tokenOf(Kc kc, TestUser u) {
        Reply r = kc.passwordLogin("legacy-service", u);
        assertEquals(200, r.status(), r.toString());
        return r.accessToken();
    }

    @Test
    void realmAdminListsRevokesOneAndRevokesAll(Kc kc) {
        TestUser u = kc.createUser("adm-target");
        Reply phone = kc.mobileLogin("mobile-app", u, "a-phone", "Phone");
        Reply tablet = kc.mobileLogin("mobile-app", u, "a-tablet", "Tablet");
        Reply laptop = kc.mobileLogin("mobile-app", u, "a-laptop", "Laptop");
        String admin = kc.adminToken();

        Reply list = call(kc, "GET", base(kc) + u.id() + "/devices", admin);
        assertEquals(200, list.status(), list.toString());
        assertEquals(3, list.json().size());
        JsonNode first = list.json().get(0);
        for (String f : new String[]{"id", "client_id", "device", "created_at", "last_refresh_at", "last_ip", "generation", "offline"}) {
            assertTrue(first.has(f), f + " missing: " + first);
        }
        assertTrue(first.path("device").has("dpop_bound"));
        assertTrue(list.body().contains("\"app_version\":\"1.4.0\"") && list.body().contains("\"platform\":\"iOS\""));
        assertTrue(!list.body().contains(phone.refreshToken()) && !list.body().contains(phone.accessToken()), "no token material");

        String tabletFamily = Jwt.familyId(tablet.refreshToken());
        assertEquals(204, call(kc, "DELETE", base(kc) + u.id() + "/devices/" + tabletFamily, admin).status());
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", tablet.refreshToken(), "a-tablet").field("error"));
        assertEquals(200, kc.mobileRefresh("mobile-app", phone.refreshToken(), "a-phone").status());

        assertEquals(204, call(kc, "DELETE", base(kc) + u.id() + "/devices", admin).status());
        assertEquals("family_revoked", kc.mobileRefresh("mobile-app", laptop.refreshToken(), "a-laptop").field("error"));
        assertEquals(0, call(kc, "GET", base(kc) + u.id() + "/devices", admin).json().size());

        JsonNode events = kc.adminJson("/admin-events?operationTypes=DELETE&max=100");
        assertTrue(events.toString().contains(tabletFamily), "admin event names the family");
        assertTrue(!events.toString().contains(tablet.refreshToken()));
    }

    @Test
    void viewUsersMayListButNotRevokeManageUsersMayRevoke(Kc kc) {
        TestUser u = kc.createUser("adm-target2");
        Reply phone = kc.mobileLogin("mobile-app", u, "b-phone", "Phone");
        String fid = Jwt.familyId(phone.refreshToken());
        TestUser viewer = kc.createUser("viewer");
        kc.grantRealmManagementRole(viewer, "view-users");
        String viewerToken = tokenOf(kc, viewer);
        assertEquals(200, call(kc, "GET", base(kc) + u.id() + "/devices", viewerToken).status());
        assertEquals(403, call(kc, "DELETE", base(kc) + u.id() + "/devices/" + fid, viewerToken).status());
        assertEquals(403, call(kc, "DELETE", base(kc) + u.id() + "/devices", viewerToken).status());
        assertEquals(200, kc.mobileRefresh("mobile-app", phone.refreshToken(), "b-phone").status(), "nothing was revoked");

        TestUser manager = kc.createUser("manager");
        kc.grantRealmManagementRole(manager, "manage-users");
        assertEquals(204, call(kc, "DELETE", base(kc) + u.id() + "/devices/" + fid, tokenOf(kc, manager)).status());
    }

    @Test
    void aPlainUserGets403EverywhereEvenForHerOwnId(Kc kc) {
        TestUser alice = kc.createUser("plain");
        Reply phone = kc.mobileLogin("mobile-app", alice, "c-phone", "Phone");
        String token = tokenOf(kc, alice);
        String fid = Jwt.familyId(phone.refreshToken());
        for (String[] m : new String[][]{{"GET", "/devices"}, {"DELETE", "/devices/" + fid}, {"DELETE", "/devices"}}) {
            Reply r = call(kc, m[0], base(kc) + alice.id() + m[1], token);
            assertEquals(403, r.status(), m[0] + " " + m[1] + ": " + r);
            assertTrue(r.body().startsWith("{"), "JSON error: " + r.body());
        }
        assertEquals(403, call(kc, "GET", base(kc) + "no-such-user/devices", token).status());
        assertEquals(200, kc.mobileRefresh("mobile-app", phone.refreshToken(), "c-phone").status());
    }

    @Test
    void unknownUserOrDeviceIs404WithAJsonError(Kc kc) {
        String admin = kc.adminToken();
        Reply noUser = call(kc, "GET", base(kc) + "00000000-0000-0000-0000-000000000000/devices", admin);
        assertEquals(404, noUser.status());
        assertEquals("user_not_found", noUser.field("error"));
        TestUser u = kc.createUser("adm-404");
        Reply noDevice = call(kc, "DELETE", base(kc) + u.id() + "/devices/nope", admin);
        assertEquals(404, noDevice.status());
        assertEquals("device_not_found", noDevice.field("error"));
    }

    /** A family is revoked only through its own user: another user's family id under this user's path is not found. */
    @Test
    void anotherUsersFamilyIsNotFoundUnderThisUser(Kc kc) {
        String admin = kc.adminToken();
        TestUser a = kc.createUser("adm-cross-a");
        TestUser b = kc.createUser("adm-cross-b");
        assertEquals(200, kc.mobileLogin("mobile-app", a, "a-own", "A's phone").status());
        Reply bPhone = kc.mobileLogin("mobile-app", b, "b-own", "B's phone");
        String bFamily = io.github.tokenfamilies.it.support.Jwt.familyId(bPhone.refreshToken());
        Reply cross = call(kc, "DELETE", base(kc) + a.id() + "/devices/" + bFamily, admin);
        assertEquals(404, cross.status(), cross.toString());
        assertEquals("device_not_found", cross.field("error"));
        assertEquals(200, kc.mobileRefresh("mobile-app", bPhone.refreshToken(), "b-own").status(), "B's family lives");
    }
}
