package io.github.tokenfamilies.it.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Every request of the invariant load with its start and end time and its reply; safe to use from many threads. */
public final class OpLog {

    /** A recorded request and the full reply (callers need the access token, the checker only the {@link Op}). */
    public record Recorded(Op op, Reply reply) {
    }

    private final long origin = System.nanoTime();
    private final AtomicLong seq = new AtomicLong();
    private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();

    /** Time zero of the log: {@link Op#describe(long)} prints times relative to it. */
    public long origin() {
        return origin;
    }

    /**
     * Sends one request and records it. {@code familyId} and {@code generation} name what was presented; for a
     * login, pass null and -1: the family is read from the issued refresh token.
     */
    public Recorded record(int worker, Op.Kind kind, String familyId, long generation, int node, Supplier<Reply> call) {
        long start = System.nanoTime();
        Reply reply = call.get();
        long end = System.nanoTime();
        String issued = reply.status() == 200 ? field(reply, "refresh_token") : null;
        if (familyId == null && issued != null) {
            familyId = Jwt.familyId(issued);
        }
        Op op = new Op(seq.incrementAndGet(), worker, kind, familyId, generation, node, start, end, reply.status(),
                reply.status() >= 400 ? code(reply) : null, issued);
        ops.add(op);
        return new Recorded(op, reply);
    }

    /** All operations so far, in the order they were sent. */
    public List<Op> ops() {
        List<Op> all = new ArrayList<>(ops);
        all.sort(Comparator.comparingLong(Op::startNanos));
        return all;
    }

    /** Any JSON field of a reply, or null (also for bodies that are not JSON, such as an HTML error page). */
    static String field(Reply reply, String name) {
        String body = reply.body();
        if (body == null || !body.startsWith("{")) {
            return null;
        }
        try {
            return reply.field(name);
        } catch (AssertionError e) {
            return null;
        }
    }

    private static String code(Reply reply) {
        if (field(reply, "error") == null) {
            return null;
        }
        return reply.code();
    }
}
