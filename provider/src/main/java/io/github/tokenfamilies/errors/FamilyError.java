package io.github.tokenfamilies.errors;

/**
 * The stable error codes of DESIGN.md §6: one table for the mobile endpoint's body and the standard endpoint's
 * {@code error_description} prefix.
 */
public enum FamilyError {
    INVALID_REQUEST(400, Action.FIX_REQUEST),
    INVALID_CLIENT(401, Action.FIX_REQUEST),
    INVALID_CREDENTIALS(401, Action.LOGIN),
    ACCOUNT_DISABLED(403, Action.LOGIN),
    TEMPORARILY_LOCKED(429, Action.WAIT),
    REFRESH_TOKEN_EXPIRED(401, Action.LOGIN),
    REFRESH_TOKEN_REUSED(401, Action.LOGIN),
    FAMILY_REVOKED(401, Action.LOGIN),
    DEVICE_MISMATCH(401, Action.LOGIN),
    INVALID_DPOP_PROOF(400, Action.RETRY),
    DEVICE_LIMIT_REACHED(403, Action.CHOOSE_DEVICE),
    SERVER_ERROR(500, Action.RETRY);

    /** What the app should do next. */
    public enum Action {
        RETRY, LOGIN, FIX_REQUEST, WAIT, CHOOSE_DEVICE;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int status;
    private final Action action;

    FamilyError(int status, Action action) {
        this.status = status;
        this.action = action;
    }

    /** The wire code, e.g. {@code refresh_token_reused}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int status() {
        return status;
    }

    public Action action() {
        return action;
    }

    /** The standard endpoint's {@code error_description}: the code first, then the human text. */
    public String describe(String text) {
        return code() + ": " + text;
    }

    /** Finds the code at the start of a standard endpoint {@code error_description}, if any. */
    public static FamilyError fromDescription(String description) {
        if (description == null) {
            return null;
        }
        int colon = description.indexOf(':');
        String head = colon < 0 ? description : description.substring(0, colon);
        for (FamilyError e : values()) {
            if (e.code().equals(head.trim())) {
                return e;
            }
        }
        return null;
    }
}
