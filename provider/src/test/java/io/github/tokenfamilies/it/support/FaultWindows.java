package io.github.tokenfamilies.it.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * When faults were injected (a node killed and started again, the database stopped): requests that overlap one of
 * these windows may fail with a 5xx or no answer at all; outside them, they must not (check d).
 */
public final class FaultWindows {

    /** How long after a fault has been repaired the cluster may still answer with errors (rebalancing, pool refill). */
    static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(20);

    /** One injected fault, from its injection to its repair. */
    public record Window(String what, long startNanos, long endNanos) {
        boolean overlaps(Op op) {
            return op.startNanos() <= endNanos + SETTLE_NANOS && op.endNanos() >= startNanos;
        }
    }

    private final List<Window> windows = new CopyOnWriteArrayList<>();
    private volatile boolean active;

    /** Runs {@code fault} (inject, wait, repair) and remembers its window. */
    public void inject(String what, Runnable fault) {
        long start = System.nanoTime();
        active = true;
        System.out.println("[invariant] fault: " + what);
        try {
            fault.run();
        } finally {
            active = false;
            windows.add(new Window(what, start, System.nanoTime()));
            System.out.printf("[invariant] fault repaired after %.1f s: %s%n", (System.nanoTime() - start) / 1e9, what);
        }
    }

    /** Whether a fault is being injected or repaired right now. */
    public boolean active() {
        return active;
    }

    public int count() {
        return windows.size();
    }

    public List<Window> windows() {
        return List.copyOf(windows);
    }

    /** Whether a failed request may be blamed on an injected fault. */
    public boolean excuses(Op op) {
        return windows.stream().anyMatch(w -> w.overlaps(op));
    }
}
