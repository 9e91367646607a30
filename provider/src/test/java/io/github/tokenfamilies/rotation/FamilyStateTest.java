package io.github.tokenfamilies.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tokenfamilies.device.DeclaredDevice;
import org.junit.jupiter.api.Test;

class FamilyStateTest {

    static final DeclaredDevice PHONE = new DeclaredDevice("id-1", "Alice's | 100% phone", "iOS", "iPhone15,2", "1.4.0");

    @Test
    void roundTripsEveryFieldIncludingSeparatorsAndUnicode() {
        FamilyState s = FamilyState.born(1_700_000_000L, "2001:db8::1", new DeclaredDevice("d", "Zoë’s Pixel", null, null, null), "jkt-x")
                .rotated(1_700_000_100L, "10.0.0.1");
        assertEquals(s, FamilyState.decode(s.encode()));
        FamilyState p = FamilyState.born(1, "1.2.3.4", PHONE, null).revoked("refresh_token_reused");
        assertEquals(p, FamilyState.decode(p.encode()));
        assertTrue(p.isRevoked());
    }

    @Test
    void sizeDoesNotGrowWithRotations() {
        FamilyState s = FamilyState.born(1_700_000_000L, "127.0.0.1", PHONE, "jkt");
        int afterOne = s.encode().length();
        for (int i = 0; i < 10_000; i++) {
            s = s.rotated(1_700_000_000L + i, "127.0.0.1");
        }
        assertEquals(10_001, s.generation());
        assertEquals(afterOne, s.encode().length());
    }

    @Test
    void paddingWritesTheSameDigitsAsStringFormat() {
        for (long v : new long[]{0, 1, 9, 10, 1_700_000_000L, 99_999_999_999L, 100_000_000_000L, 999_999_999_999L,
                1_000_000_000_000L, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            assertEquals(String.format("%012d", v), FamilyState.padded(v, 12));
            assertEquals(String.format("%011d", v), FamilyState.padded(v, 11));
        }
    }

    @Test
    void unreadableNotesAreNull() {
        assertNull(FamilyState.decode(null));
        assertNull(FamilyState.decode("garbage"));
        assertNull(FamilyState.decode("2|x"));
        assertNull(FamilyState.decode("1|notanumber|1|1|1|-|-|-|-|-|-|-|-"));
    }
}
