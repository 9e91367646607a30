package io.github.tokenfamilies.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FamilyErrorTest {

    @Test
    void theTableOfDesignSection6() {
        assertEquals(400, FamilyError.INVALID_REQUEST.status());
        assertEquals("fix_request", FamilyError.INVALID_CLIENT.action().value());
        assertEquals(429, FamilyError.TEMPORARILY_LOCKED.status());
        assertEquals("wait", FamilyError.TEMPORARILY_LOCKED.action().value());
        assertEquals("retry", FamilyError.INVALID_DPOP_PROOF.action().value());
        assertEquals(403, FamilyError.ACCOUNT_DISABLED.status());
        assertEquals("refresh_token_reused", FamilyError.REFRESH_TOKEN_REUSED.code());
    }

    @Test
    void theStandardEndpointDescriptionStartsWithTheCode() {
        String d = FamilyError.FAMILY_REVOKED.describe("gone");
        assertEquals("family_revoked: gone", d);
        assertEquals(FamilyError.FAMILY_REVOKED, FamilyError.fromDescription(d));
        assertNull(FamilyError.fromDescription("Invalid refresh token"));
        assertNull(FamilyError.fromDescription(null));
    }
}
