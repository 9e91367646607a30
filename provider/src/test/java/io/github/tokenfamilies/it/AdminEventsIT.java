package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DESIGN.md §7: every device sign-out by an admin is an admin event (operation DELETE, resource type USER_SESSION,
 * as Keycloak's own session sign-out) whose details name the family and the device, never a token.
 */
@ExtendWith(KeycloakExtension.class)
class AdminEventsIT {

    @Test
    void signingOutOneDeviceAndAllDevicesLeavesOneAdminEventPerFamilyNamingTheDevice(Kc kc) {
        TestUser u = kc.createUser("adm-events");
        Reply pixel = kc.mobileLogin("mobile-app", u, "ae-pixel", "Ada's Pixel");
        Reply ipad = kc.mobileLogin("mobile-app", u, "ae-ipad", "Ada's iPad");
        String pixelFamily = Jwt.familyId(pixel.refreshToken());
        String ipadFamily = Jwt.familyId(ipad.refreshToken());
        String admin = kc.adminToken();

        assertEquals(204, AdminApiIT.call(kc, "DELETE", AdminApiIT.base(kc) + u.id() + "/devices/" + pixelFamily, admin).status());
        JsonNode one = eventFor(kc, pixelFamily);
        assertEquals("DELETE", one.path("operationType").asText());
        assertEquals("USER_SESSION", one.path("resourceType").asText());
        assertTrue(one.path("resourcePath").asText().contains(u.id()), one.toString());
        assertEquals("Ada's Pixel", one.path("details").path("device_name").asText(), one.toString());
        assertEquals("ae-pixel", one.path("details").path("device_id").asText(), one.toString());
        assertEquals("iOS", one.path("details").path("device_platform").asText(), one.toString());
        assertEquals("admin", one.path("details").path("revoke_reason").asText(), one.toString());
        // stored by the revocation's own transaction, still naming who acted and from where
        assertFalse(one.path("authDetails").path("userId").asText().isBlank(), "the acting admin: " + one);
        assertFalse(one.path("authDetails").path("ipAddress").asText().isBlank(), "the admin's address: " + one);

        assertEquals(204, AdminApiIT.call(kc, "DELETE", AdminApiIT.base(kc) + u.id() + "/devices", admin).status());
        assertEquals("Ada's iPad", eventFor(kc, ipadFamily).path("details").path("device_name").asText());

        String all = kc.adminJson("/admin-events?operationTypes=DELETE&max=500").toString();
        for (String secret : List.of(pixel.refreshToken(), pixel.accessToken(), ipad.refreshToken(), ipad.accessToken())) {
            assertFalse(all.contains(secret), "no token value in admin events");
        }
    }

    /** The admin event whose details name the family (the admin console's Admin events list shows the same data). */
    private static JsonNode eventFor(Kc kc, String familyId) {
        JsonNode events = kc.adminJson("/admin-events?operationTypes=DELETE&resourceTypes=USER_SESSION&max=500");
        List<JsonNode> found = StreamSupport.stream(events.spliterator(), false)
                .filter(e -> familyId.equals(e.path("details").path("family_id").asText())).toList();
        assertEquals(1, found.size(), "one admin event for family " + familyId + ": " + events);
        return found.get(0);
    }
}
