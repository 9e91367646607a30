package io.github.tokenfamilies.mobile;

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
