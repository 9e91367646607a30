package io.github.tokenfamilies.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a load worker knows about one family: its newest refresh token (tracked from successful replies only), the
 * tokens it consumed, whether the one just consumed may be retried (R3), and whether the worker still uses it.
 * The owner and the helper threads of a burst update it, hence the locking.
 */
final class LoadFamily {

    /** How the family's login happened; families of one {@link Group} share a Keycloak session when it is a browser. */
    enum Origin { PASSWORD, MOBILE, BROWSER }

    /** The families of one login session: one for a password or mobile login, several for one browser. */
    static final class Group {
        final Origin origin;
        /** The browser's cookie jar (its Keycloak SSO session) for a browser group, else null. */
        final BrowserLogin browser;
        /** The node the browser logs in at. */
        final int node;
        final List<LoadFamily> families = new ArrayList<>();

        Group(Origin origin, BrowserLogin browser, int node) {
            this.origin = origin;
            this.browser = browser;
            this.node = node;
        }

        boolean hasActive() {
            return families.stream().anyMatch(f -> !f.retired());
        }
    }

    private static final long GRACE_MARGIN_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(20);

    final String id;
    final String userId;
    final String clientId;
    /** The device id the family declared at login, or null. */
    final String deviceId;
    final Group group;
    /**
     * For a loyal family, how many times the worker uses it (only refreshes and retries, never a revocation) before
     * putting it aside unrevoked; 0 for a family the worker may revoke. Loyal families are what check c is about.
     */
    final int loyalUses;
    private int uses;

    private final TreeMap<Long, String> tokens = new TreeMap<>();
    private String accessToken;
    private long accessTokenAt;
    /** The token consumed by the last successful refresh while its successor is unused: a retry gets the same reply. */
    private String graceable;
    private long graceableSince;
    private boolean retired;
    private boolean abandoned;

    LoadFamily(String userId, String clientId, String deviceId, Group group, int loyalUses, Reply login) {
        this.userId = userId;
        this.clientId = clientId;
        this.deviceId = deviceId;
        this.group = group;
        this.loyalUses = loyalUses;
        this.id = Jwt.familyId(login.refreshToken());
        issued(login);
        group.families.add(this);
    }

    /** Takes the tokens of a 200 reply; a reply of an older generation (a replay) changes nothing. */
    synchronized void issued(Reply reply) {
        String rt = OpLog.field(reply, "refresh_token");
        if (rt == null) {
            return;
        }
        long gen = Jwt.generation(rt);
        if (!tokens.isEmpty() && gen <= tokens.lastKey()) {
            return;
        }
        graceable = tokens.isEmpty() ? null : tokens.lastEntry().getValue();
        graceableSince = System.nanoTime();
        tokens.put(gen, rt);
        accessToken = OpLog.field(reply, "access_token");
        accessTokenAt = graceableSince;
    }

    synchronized String newest() {
        return tokens.lastEntry().getValue();
    }

    synchronized long newestGeneration() {
        return tokens.lastKey();
    }

    /** The newest token is about to be presented: from then on the token before it is no longer a safe retry. */
    synchronized String presentNewest() {
        graceable = null;
        return newest();
    }

    /**
     * The token just consumed while its successor is unused, or null; only within 20 s of its rotation, well inside
     * the demo client's 30-s window (a retry after the window is rightly a reuse).
     */
    synchronized String graceable() {
        return graceable != null && System.nanoTime() - graceableSince < GRACE_MARGIN_NANOS ? graceable : null;
    }

    /** One of the tokens already consumed (chosen by {@code pick} in [0,1)), or null for a family still at generation 1. */
    synchronized String consumed(double pick) {
        List<String> old = new ArrayList<>(tokens.headMap(tokens.lastKey()).values());
        return old.isEmpty() ? null : old.get((int) (pick * old.size()));
    }

    /** The access token of the last reply and when it came (nanoTime). */
    synchronized Map.Entry<Long, String> accessToken() {
        return accessToken == null ? null : Map.entry(accessTokenAt, accessToken);
    }

    /** Counts one use by the worker; false once a loyal family has had its uses (the worker then puts it aside). */
    synchronized boolean use() {
        return loyalUses == 0 || ++uses <= loyalUses;
    }

    synchronized void retire() {
        retired = true;
    }

    synchronized boolean retired() {
        return retired;
    }

    /** The worker lost track of the newest token (a refresh whose outcome stayed unknown through a fault). */
    synchronized void abandon() {
        abandoned = true;
        retired = true;
    }

    synchronized boolean abandoned() {
        return abandoned;
    }

    /** The family shares its Keycloak session with other families (a browser's logins). */
    boolean sharesSession() {
        return group.origin == Origin.BROWSER && group.families.size() > 1;
    }
}
