package io.github.tokenfamilies.events;

import java.util.regex.Pattern;

/**
 * A value the app declared (device name, model, platform), made safe to quote in an e-mail the IdP signs. Mail
 * clients turn bare URLs and domain names into links even in plain text, so a thief who logs in with
 * {@code "name": "Security check: confirm at https://evil.example"} could put a genuine-looking link into a
 * genuine alert. URLs and domains are "defanged" ({@code hxxps[:]//evil[.]example}), as security teams quote
 * indicators; names without them (Alice's Pixel 8, iPhone15,2, v1.4.0) are unchanged.
 */
final class Unlinked {

    private static final Pattern SCHEME = Pattern.compile("(?i)\\bhttp(s?)://");
    private static final Pattern OTHER_SCHEME = Pattern.compile("://");
    /** A dot between a label and something that looks like a top-level domain (letters): "evil.example", "a.b.co". */
    private static final Pattern DOMAIN_DOT = Pattern.compile("(?<=[\\p{L}\\p{N}-])\\.(?=\\p{L}{2,})");

    private Unlinked() {
    }

    static String text(String declared) {
        if (declared == null) {
            return null;
        }
        String s = SCHEME.matcher(declared).replaceAll("hxxp$1[:]//");
        s = OTHER_SCHEME.matcher(s).replaceAll("[:]//");
        return DOMAIN_DOT.matcher(s).replaceAll("[.]");
    }
}
