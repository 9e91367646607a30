package io.github.tokenfamilies.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

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
}
