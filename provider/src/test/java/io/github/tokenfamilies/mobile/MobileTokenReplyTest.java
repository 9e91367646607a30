package io.github.tokenfamilies.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * A grace replay hands out a reply issued up to the grace window ago: the mobile envelope must not claim the full
 * lifetimes again next to a fresh {@code server_time}, or the app (and the cookie's Max-Age) would trust a token
 * past its expiry.
 */
class MobileTokenReplyTest {

    @Test
    void aReplayedReplyCountsItsLifetimesDownAndAFreshOneIsUntouched() throws Exception {
        long now = Time.currentTime();
        ObjectNode replayed = build(now - 200, now - 200 + 300, now - 200 + 1800);
        assertTrue(Math.abs(replayed.path("expires_in").asLong() - 100) <= 1, replayed.toString());
        assertTrue(Math.abs(replayed.path("refresh_expires_in").asLong() - 1600) <= 1, replayed.toString());

        ObjectNode fresh = build(now, now + 300, now + 1800);
        assertEquals(300, fresh.path("expires_in").asLong(), fresh.toString());
        assertEquals(1800, fresh.path("refresh_expires_in").asLong(), fresh.toString());
    }

    private static ObjectNode build(long iat, long accessExp, long refreshExp) throws Exception {
        ObjectNode in = JsonSerialization.mapper.createObjectNode();
        in.put("access_token", jws("{\"exp\":" + accessExp + ",\"typ\":\"Bearer\"}"));
        in.put("token_type", "Bearer");
        in.put("expires_in", 300);
        in.put("refresh_token", jws("{\"iat\":" + iat + ",\"exp\":" + refreshExp + ",\"typ\":\"Refresh\"}"));
        in.put("refresh_expires_in", 1800);
        return new MobileTokenReply(mock(KeycloakSession.class), mock(RealmModel.class)).build(in, false);
    }

    private static String jws(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(new byte[] {1});
    }
}
