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
        return c == null || c.getValue() == null || c.getValue().isBlank() ? null : c.getValue();
    }

    /**
     * Refuses a request that carries the cookie more than once, before the cookie is used. Cookie tossing: another
     * host of the site (or a network attacker) planted a second one, with its own Domain or Path; which one a map
     * keeps is up to the browser's order, so neither is used.
     */
    static void requireSingle(HttpHeaders headers) throws FamilyException {
        if (values(headers).size() > 1) {
            throw new FamilyException(FamilyError.INVALID_REQUEST, "more than one " + NAME + " cookie: remove the one not set by this server");
        }
    }

    /** Every value of the cookie in the request's Cookie header(s), in order. */
    static List<String> values(HttpHeaders headers) {
        List<String> raw = headers.getRequestHeader(HttpHeaders.COOKIE);
        return raw == null ? List.of() : raw.stream().flatMap(h -> Arrays.stream(h.split("[;,]"))).map(String::trim)
                .filter(pair -> pair.startsWith(NAME + "=")).map(pair -> pair.substring(NAME.length() + 1).trim())
                .map(v -> v.length() > 1 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v)
                .filter(v -> !v.isBlank()).toList();
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
