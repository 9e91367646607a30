package io.github.tokenfamilies.it.support;

import java.util.EnumSet;
import java.util.Set;

/**
 * One request of the invariant load, as the client saw it: what was sent for which family, when it started and
 * ended ({@link System#nanoTime()}), and what came back.
 *
 * @param familyId     the family the request was about: {@code tf_fid} of the presented token, or the id in the path
 * @param generation   {@code tf_gen} of the presented refresh token; -1 when none was presented
 * @param node         1-based node the request went to
 * @param status       HTTP status; 0 when the connection failed (refused, reset)
 * @param code         the §6 code of an error reply, or null
 * @param refreshToken the refresh token of a 200 token reply, or null
 */
public record Op(long seq, int worker, Kind kind, String familyId, long generation, int node, long startNanos, long endNanos,
                 int status, String code, String refreshToken) {

    /** What a request was for. */
    public enum Kind {
        /** A login that starts a family (password, mobile, authorization code). */
        LOGIN,
        /** A refresh with the family's newest token. */
        REFRESH,
        /** The token just consumed, presented again before its successor was used (R3). */
        GRACE_RETRY,
        /** A token whose successor was already used (R2: a revocation trigger). */
        REUSE,
        /** The live token from another device id (R6: a revocation trigger). */
        MISMATCH,
        /** {@code POST /mobile/logout}. */
        LOGOUT,
        /** {@code DELETE /mobile/devices/{id}} with the user's access token. */
        USER_DELETE,
        /** {@code DELETE /admin/realms/demo/token-families/users/{user}/devices/{id}}. */
        ADMIN_DELETE,
        /** A refresh of the newest token of a family the worker believes revoked. */
        PROBE,
        /** The refresh of every family's newest token after the load. */
        FINAL;

        private static final Set<Kind> PRESENTS_REFRESH_TOKEN = EnumSet.of(REFRESH, GRACE_RETRY, REUSE, MISMATCH, PROBE, FINAL);
        private static final Set<Kind> PROVOKES = EnumSet.of(REUSE, MISMATCH, LOGOUT, USER_DELETE, ADMIN_DELETE);
        private static final Set<Kind> REVOKES_EXPLICITLY = EnumSet.of(LOGOUT, USER_DELETE, ADMIN_DELETE);

        /** A refresh grant (on either endpoint). */
        public boolean isRefresh() {
            return PRESENTS_REFRESH_TOKEN.contains(this);
        }

        /** A request that may legitimately revoke the family (everything but its owner's own refreshes and retries). */
        public boolean provokes() {
            return PROVOKES.contains(this);
        }
    }

    /** A refresh that got tokens back. */
    public boolean isSuccessfulRefresh() {
        return kind.isRefresh() && status == 200;
    }

    /**
     * An answer that says "this family is revoked now": a refresh answered refresh_token_reused or device_mismatch,
     * or a 204 from logout, a user's or an admin's device DELETE.
     */
    public boolean isRevocationAnswer() {
        if (kind.isRefresh()) {
            return "refresh_token_reused".equals(code) || "device_mismatch".equals(code);
        }
        return Kind.REVOKES_EXPLICITLY.contains(kind) && status == 204;
    }

    /** A server or transport failure: 5xx, or no HTTP answer at all. */
    public boolean isFault() {
        return status == 0 || status >= 500;
    }

    /** One line for violation messages, times relative to {@code origin}. */
    public String describe(long origin) {
        return String.format("#%d w%d %s fam=%s%s node=%d [%.3fs..%.3fs] -> %s%s", seq, worker, kind, familyId,
                generation < 0 ? "" : " gen=" + generation, node, (startNanos - origin) / 1e9, (endNanos - origin) / 1e9,
                status == 0 ? "no answer" : String.valueOf(status), code == null ? "" : " " + code);
    }
}
