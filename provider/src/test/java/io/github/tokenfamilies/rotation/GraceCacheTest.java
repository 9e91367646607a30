package io.github.tokenfamilies.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

class GraceCacheTest {

    static final FamilyClaims POS = new FamilyClaims("fam", 7);
    static final byte[] REPLY = "{\"access_token\":\"a\",\"refresh_token\":\"r\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void onlyThePresentedTokenOpensTheCachedReply() {
        String sealed = GraceCache.seal(POS, "token-A", REPLY);
        assertArrayEquals(REPLY, GraceCache.open(POS, "token-A", sealed));
        assertNull(GraceCache.open(POS, "token-B", sealed), "another token cannot decrypt");
        assertNull(GraceCache.open(new FamilyClaims("fam", 8), "token-A", sealed), "bound to the family position");
        assertFalse(new String(java.util.Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1).contains("refresh_token"),
                "the stored form is not the reply in clear");
    }

    @Test
    void tamperedOrShortValuesAreRejected() {
        String sealed = GraceCache.seal(POS, "t", REPLY);
        char[] c = sealed.toCharArray();
        c[20] = c[20] == 'A' ? 'B' : 'A';
        assertNull(GraceCache.open(POS, "t", new String(c)));
        assertNull(GraceCache.open(POS, "t", "AAAA"));
        assertNull(GraceCache.open(POS, "t", "not base64 !!"));
    }

    @Test
    void aFamilyHasOneReplySlotThatTheNextRotationReplaces() {
        Map<String, Map<String, String>> store = new HashMap<>();
        SingleUseObjectProvider objects = mock(SingleUseObjectProvider.class);
        doAnswer(i -> store.put(i.getArgument(0), i.getArgument(2))).when(objects).put(anyString(), anyLong(), anyMap());
        when(objects.get(anyString())).thenAnswer(i -> store.get(i.<String>getArgument(0)));
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.singleUseObjects()).thenReturn(objects);

        GraceCache.put(session, POS, "token-7", REPLY, 30);
        assertArrayEquals(REPLY, GraceCache.get(session, POS, "token-7"));
        byte[] next = "{\"refresh_token\":\"gen-9\"}".getBytes(StandardCharsets.UTF_8);
        GraceCache.put(session, new FamilyClaims("fam", 8), "token-8", next, 30);

        assertEquals(1, store.size(), "one slot per family, however often it rotates");
        assertNull(GraceCache.get(session, POS, "token-7"), "once the child rotated, the parent's reply is gone");
        assertArrayEquals(next, GraceCache.get(session, new FamilyClaims("fam", 8), "token-8"));
    }
}
