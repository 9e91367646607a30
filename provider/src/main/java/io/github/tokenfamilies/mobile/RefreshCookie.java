package io.github.tokenfamilies.mobile;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;

/**
 * Cookie mode's refresh-token cookie: {@code HttpOnly; Secure; SameSite=Strict}, scoped to the realm's mobile
 * endpoint path, so the browser app's JavaScript never sees the token.
 */
final class RefreshCookie {

    static final String NAME = "TF_REFRESH";

    private RefreshCookie() {
    }

    /** The cookie's token, or {@code null}; a Cookie header the HTTP layer cannot parse is a bad request. */
    static String read(HttpHeaders headers) throws FamilyException {
        Map<String, Cookie> cookies;
        try {
            cookies = headers.getCookies();
        } catch (IllegalArgumentException e) { // e.g. "$Version=x": JAX-RS's cookie parser gives up
            throw new FamilyException(FamilyError.INVALID_REQUEST, "the Cookie header is malformed");
        }
        Cookie c = cookies == null ? null : cookies.get(NAME);
        if (c != null && sentMoreThanOnce(headers)) {
            // Cookie tossing: another host of the site (or a network attacker) planted a second one, with its own
            // Domain or Path. Which one a map keeps is up to the browser's order: use neither, expire neither.
            throw new FamilyException(FamilyError.INVALID_REQUEST, "more than one " + NAME + " cookie: remove the one not set by this server");
        }
        return c == null || c.getValue() == null || c.getValue().isBlank() ? null : c.getValue();
    }

    private static boolean sentMoreThanOnce(HttpHeaders headers) {
        List<String> raw = headers.getRequestHeader(HttpHeaders.COOKIE);
        long seen = raw == null ? 0 : raw.stream().flatMap(h -> Arrays.stream(h.split("[;,]")))
                .map(String::trim).filter(pair -> pair.equals(NAME) || pair.startsWith(NAME + "=")).count();
        return seen > 1;
    }

    static String set(String realm, String refreshToken, long maxAgeSeconds) {
        return NAME + "=" + refreshToken + "; Path=" + path(realm) + "; Max-Age=" + Math.max(0, maxAgeSeconds)
                + "; HttpOnly; Secure; SameSite=Strict";
    }

    static String expire(String realm) {
        return NAME + "=; Path=" + path(realm) + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict";
    }

    private static String path(String realm) {
        return "/realms/" + realm + "/mobile";
    }
}
