package io.github.tokenfamilies.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.tokenfamilies.it.support.Op.Kind;
import io.github.tokenfamilies.it.support.OpLog.Recorded;

/**
 * One thread of the invariant load. It owns one user and that user's families ({@link LoadLogins}), and works on
 * them one at a time: refreshes on either endpoint, grace retries, and revocations, some of them deliberately
 * raced against a chain of refreshes of the same family. Every decision comes from its seeded {@link Random}; only
 * timing varies. Revoked families are retired and replaced by new logins.
 */
final class LoadWorker implements Runnable {

    static final String APP = "mobile-app";
    /** A refresh whose outcome a fault hid is retried this long: inside the 30-s grace window, it gets the reply. */
    private static final long RETRY_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(25);
    private static final long ACCESS_TOKEN_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(200);

    /** A revocation decided by the worker, possibly carried out by a helper thread. */
    private record Revocation(Kind kind, int node, boolean mobile, double pick, long delayMillis) {
    }

    private final InvariantLoad load;
    private final int index;
    private final Random rnd;
    private final TestUser user;
    private final LoadLogins logins;
    private final List<LoadFamily> families;

    LoadWorker(InvariantLoad load, int index, long seed, TestUser user) {
        this.load = load;
        this.index = index;
        this.rnd = new Random(seed);
        this.user = user;
        this.logins = new LoadLogins(load, index, user, rnd);
        this.families = logins.families();
    }

    List<LoadFamily> families() {
        return families;
    }

    TestUser user() {
        return user;
    }

    @Override
    public void run() {
        try {
            while (load.running()) {
                logins.replenish();
                List<LoadFamily> active = families.stream().filter(f -> !f.retired()).toList();
                if (active.isEmpty()) {
                    pause(200);
                    continue;
                }
                act(active.get(rnd.nextInt(active.size())));
                pause(rnd.nextInt(25));
            }
        } catch (Throwable t) {
            load.failed(t);
        }
    }

    /** The refresh of every family's newest token after the load: 200 for the innocent, never for the revoked. */
    void finalRefreshes() {
        for (LoadFamily f : families) {
            presentPatiently(f, Kind.FINAL, f.newest(), rnd);
        }
    }

    /**
     * Loyal families are never revoked. For the others, races are likelier when they share a session: a revocation
     * there leaves the session, and the race, alive.
     */
    private void act(LoadFamily f) {
        if (!f.use()) {
            f.retire(); // a loyal family put aside unrevoked: it must still refresh at the end
            return;
        }
        double r = rnd.nextDouble();
        double race = f.sharesSession() ? 0.22 : 0.10;
        if (r < 0.45) {
            refresh(f);
        } else if (r < 0.58) {
            graceRetry(f);
        } else if (r < 0.70) {
            duplicates(f);
        } else if (f.loyalUses > 0) {
            refresh(f);
        } else if (r < 0.70 + race) {
            raceRevocation(f);
        } else if (r < 0.75 + race) {
            revokeInTurn(f);
        } else {
            refresh(f);
        }
    }

    private void refresh(LoadFamily f) {
        settle(f, presentPatiently(f, Kind.REFRESH, f.presentNewest(), rnd));
    }

    /** R3: the token just consumed again, before its successor is used: the same reply (check b). */
    private void graceRetry(LoadFamily f) {
        String token = f.graceable();
        if (token == null) {
            refresh(f);
            return;
        }
        settle(f, presentPatiently(f, Kind.GRACE_RETRY, token, rnd));
    }

    /** R4: two or three refreshes of the live token at once: one rotation, one reply for all. */
    private void duplicates(LoadFamily f) {
        String token = f.presentNewest();
        int n = 2 + rnd.nextInt(2);
        List<Random> helpers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            helpers.add(new Random(rnd.nextLong()));
        }
        for (Recorded r : load.together(n, i -> presentPatiently(f, Kind.REFRESH, token, helpers.get(i)))) {
            settle(f, r);
        }
    }

    /**
     * The family's owner refreshes several times in a row while a helper thread revokes the family a random few
     * milliseconds after the owner sent a random one of them: a consumed token, another device id, logout, or a
     * device DELETE by the user or an admin. Whatever was in flight, nothing that starts after the revocation's
     * answer may succeed (check a).
     */
    private void raceRevocation(LoadFamily f) {
        int steps = 3 + rnd.nextInt(6);
        CountDownLatch ownerSent = new CountDownLatch(1 + rnd.nextInt(steps)); // fire after the owner sent its j-th refresh
        Revocation thief = revocation(f, rnd.nextInt(40));
        Future<Recorded> helper = load.helpers().submit(() -> {
            ownerSent.await(2, TimeUnit.MINUTES);
            pause(thief.delayMillis());
            return revoke(f, thief);
        });
        for (int i = 0; i < steps; i++) {
            String token = f.presentNewest();
            ownerSent.countDown();
            if (present(f, Kind.REFRESH, token, pickNode(rnd), pickMobile(f, rnd)).op().status() != 200) {
                break;
            }
        }
        while (ownerSent.getCount() > 0) {
            ownerSent.countDown(); // the owner stopped early: let the helper go
        }
        try {
            helper.get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("the revoking helper failed", e);
        }
        probeAndRetire(f);
    }

    private void revokeInTurn(LoadFamily f) {
        revoke(f, revocation(f, 0));
        probeAndRetire(f);
    }

    /** After a revocation: one refresh of the newest token (must not succeed if the revocation was answered). */
    private void probeAndRetire(LoadFamily f) {
        present(f, Kind.PROBE, f.newest(), pickNode(rnd), pickMobile(f, rnd));
        f.retire();
    }

    private Revocation revocation(LoadFamily f, long delayMillis) {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.REUSE, Kind.LOGOUT, Kind.USER_DELETE, Kind.ADMIN_DELETE));
        if (f.deviceId != null) {
            kinds.add(Kind.MISMATCH);
        }
        return new Revocation(kinds.get(rnd.nextInt(kinds.size())), pickNode(rnd), pickMobile(f, rnd), rnd.nextDouble(), delayMillis);
    }

    /** Carries out a revocation; runs on the worker or on a helper thread (so it uses no shared {@link Random}). */
    private Recorded revoke(LoadFamily f, Revocation how) {
        Kc kc = load.node(how.node());
        switch (how.kind()) {
            case REUSE -> {
                String old = f.consumed(how.pick());
                if (old != null) {
                    return present(f, Kind.REUSE, old, how.node(), how.mobile());
                }
                return revoke(f, new Revocation(Kind.LOGOUT, how.node(), how.mobile(), how.pick(), 0));
            }
            case MISMATCH -> {
                return present(f, Kind.MISMATCH, f.newest(), how.node(), true, "stolen-" + f.deviceId);
            }
            case LOGOUT -> {
                String token = f.newest();
                String body = "{\"client_id\":\"" + f.clientId + "\",\"refresh_token\":\"" + token + "\"}";
                return load.log().record(index, Kind.LOGOUT, f.id, Jwt.generation(token), how.node(),
                        () -> kc.postJson(kc.mobileUrl("logout"), body));
            }
            case USER_DELETE -> {
                String access = userAccessToken();
                if (access == null) {
                    return revoke(f, new Revocation(Kind.ADMIN_DELETE, how.node(), how.mobile(), how.pick(), 0));
                }
                return load.log().record(index, Kind.USER_DELETE, f.id, -1, how.node(),
                        () -> kc.delete(kc.mobileUrl("devices/" + f.id), "Authorization", "Bearer " + access));
            }
            case ADMIN_DELETE -> {
                String admin = load.adminToken(how.node());
                if (admin == null) {
                    return null; // no admin token during a fault: nothing was sent
                }
                return load.log().record(index, Kind.ADMIN_DELETE, f.id, -1, how.node(),
                        () -> kc.delete(kc.baseUrl() + "/admin/realms/" + Kc.REALM + "/token-families/users/" + f.userId
                                + "/devices/" + f.id, "Authorization", "Bearer " + admin));
            }
            default -> throw new IllegalArgumentException(how.kind().toString());
        }
    }

    /** The freshest access token of the user's families still in use (the app's own token authorises a device DELETE). */
    private String userAccessToken() {
        long now = System.nanoTime();
        return families.stream().filter(f -> !f.retired()).map(LoadFamily::accessToken)
                .filter(e -> e != null && now - e.getKey() < ACCESS_TOKEN_MAX_AGE_NANOS)
                .max(Map.Entry.comparingByKey()).map(Map.Entry::getValue).orElse(null);
    }

    /**
     * A refresh whose outcome a fault hid is retried at once with the same token on the other node, as an app
     * would: within the grace window it gets the reply of the rotation that may have happened. A family whose
     * outcome stays unknown is abandoned (not held to check c).
     */
    private Recorded presentPatiently(LoadFamily f, Kind kind, String token, Random random) {
        long start = System.nanoTime();
        int node = pickNode(random);
        Recorded r = present(f, kind, token, node, pickMobile(f, random));
        while (r.op().isFault() && load.retriesFaults() && System.nanoTime() - start < RETRY_BUDGET_NANOS) {
            pause(250 + random.nextInt(500));
            node = load.nodeCount() == 1 ? node : 3 - node;
            r = present(f, kind, token, node, pickMobile(f, random));
        }
        if (r.op().isFault()) {
            f.abandon();
        }
        return r;
    }

    private Recorded present(LoadFamily f, Kind kind, String token, int node, boolean mobile) {
        return present(f, kind, token, node, mobile, f.deviceId);
    }

    private Recorded present(LoadFamily f, Kind kind, String token, int node, boolean mobile, String deviceId) {
        Kc kc = load.node(node);
        Recorded r = load.log().record(index, kind, Jwt.familyId(token), Jwt.generation(token), node, () -> {
            if (mobile) {
                return kc.mobileRefresh(f.clientId, token, deviceId);
            }
            return deviceId == null ? kc.refresh(f.clientId, token) : kc.refresh(f.clientId, token, "X-Device-Id", deviceId);
        });
        if (r.op().status() == 200) {
            f.issued(r.reply());
        }
        return r;
    }

    /** A refresh of an unprovoked family that was refused: the checker reports it (check c); the worker moves on. */
    private static void settle(LoadFamily f, Recorded r) {
        if (r.op().status() != 200 && !r.op().isFault()) {
            f.retire();
        }
    }

    // ---- randomness and timing ----

    private int pickNode(Random random) {
        return pickNode(load, random);
    }

    static int pickNode(InvariantLoad load, Random random) {
        return 1 + random.nextInt(load.nodeCount());
    }

    /** Either endpoint for mobile-app; web-app is in cookie mode, so its body refresh tokens go to the standard one. */
    private static boolean pickMobile(LoadFamily f, Random random) {
        return APP.equals(f.clientId) && random.nextBoolean();
    }

    static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis); // the load's random think time, drawn from the seeded Random
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
