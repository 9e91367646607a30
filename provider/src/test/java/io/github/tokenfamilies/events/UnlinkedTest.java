package io.github.tokenfamilies.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A device name must not become a clickable link in a genuine alert e-mail. */
class UnlinkedTest {

    @Test
    void urlsAndDomainsAreDefanged() {
        assertEquals("Security check - confirm at hxxps[:]//evil[.]example/kc",
                Unlinked.text("Security check - confirm at https://evil.example/kc"));
        assertEquals("visit www[.]evil[.]com now", Unlinked.text("visit www.evil.com now"));
        assertEquals("ftp[:]//files[.]example", Unlinked.text("ftp://files.example"));
        assertEquals("HXXP[:]//X[.]CO", Unlinked.text("HTTP://X.CO").toUpperCase());
        for (String s : new String[] {"https://a.b", "evil.example", "mail.evil.example/path"}) {
            assertFalse(Unlinked.text(s).matches("(?s).*(://|\\w\\.\\p{L}{2}).*"), s + " → " + Unlinked.text(s));
        }
    }

    @Test
    void ordinaryNamesAreUnchanged() {
        for (String s : new String[] {"Alice's Pixel 8", "iPhone15,2", "v1.4.0", "Android 14", "Galaxy S24 Ultra", "Mr. Smith's iPad"}) {
            assertEquals(s, Unlinked.text(s));
        }
        assertNull(Unlinked.text(null));
    }
}
