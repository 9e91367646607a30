package io.github.tokenfamilies.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The invariant load (issue 11): worker threads, one user each, with random but seeded timing against one node or
 * a cluster; then a final refresh of every family, the admin API's view of every user, and the checks of
 * {@link InvariantChecker}. Usage: {@link #start()}, optionally {@link #hold()}, inject faults and
 * {@link #extend(Duration)}, then {@link #finish()}.
 */
public final class InvariantLoad {

    /**
     * Seed, length and width of a run: {@code -Dinvariant.seed}, {@code -Dinvariant.seconds}, {@code -Dinvariant.workers}.
     * Keep runs under the demo realm's SSO idle timeout (30 min): families put aside early must still refresh at the end.
     */
    public record Settings(long seed, int seconds, int workers) {

        public static Settings fromSystemProperties(int defaultSeconds, int defaultWorkers) {
            String seed = System.getProperty("invariant.seed");
            return new Settings(seed == null || seed.isBlank() ? System.nanoTime() : Long.parseLong(seed.trim()),
                    Integer.getInteger("invariant.seconds", defaultSeconds), Integer.getInteger("invariant.workers", defaultWorkers));
        }
    }

    private static final long ADMIN_TOKEN_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(30); // master tokens live 60 s

    private final Settings settings;
    private final List<Kc> nodes;
    private final FaultWindows faults;
    private final boolean retriesFaults;
    private final OpLog log = new OpLog();
    private final ExecutorService helpers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "invariant-helper");
        t.setDaemon(true);
        return t;
    });
    private final List<LoadWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private volatile long deadline;
    private volatile boolean held;
    private String adminToken;
    private long adminTokenAt;

    /**
     * @param nodes         the servers, each as a {@link Kc#forLoad()} client; requests pick one at random
     * @param retriesFaults whether workers retry refreshes that a fault left unanswered (the cluster variant)
     */
    public InvariantLoad(Settings settings, List<Kc> nodes, FaultWindows faults, boolean retriesFaults) {
        this.settings = settings;
        this.nodes = List.copyOf(nodes);
        this.faults = faults;
        this.retriesFaults = retriesFaults;
    }

    public Settings settings() {
        return settings;
    }

    /** Creates one user per worker and starts the workers; they stop {@code seconds} from now (or later, see extend). */
    public void start() {
        System.out.printf("[invariant] seed=%d (rerun with -Dinvariant.seed=%d), %d s of load, %d workers, %d node(s)%n",
                settings.seed(), settings.seed(), settings.seconds(), settings.workers(), nodes.size());
        Random master = new Random(settings.seed());
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(new LoadWorker(this, i, master.nextLong(), node(1).createUser("inv" + i)));
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.seconds());
        for (LoadWorker w : workers) {
            Thread t = new Thread(w, "invariant-worker");
            t.setDaemon(true); // a failed test never keeps the test JVM alive
            threads.add(t);
            t.start();
        }
    }

    /** Keeps the load running past its planned end until {@link #extend(Duration)} (while faults are injected). */
    public void hold() {
        held = true;
    }

    /** Lets the load end, but not before {@code quiet} from now (load after the last fault). */
    public void extend(Duration quiet) {
        deadline = Math.max(deadline, System.nanoTime() + quiet.toNanos());
        held = false;
    }

    /** Waits for the load to end, refreshes every family once more, reads the admin API, and checks. */
    public InvariantChecker.Report finish() throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(10));
        }
        helpers.shutdownNow();
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("seed=" + settings.seed() + ": a load worker failed", failures.peek());
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        List<InvariantChecker.FamilyEnd> ends = new ArrayList<>();
        for (LoadWorker w : workers) {
            w.finalRefreshes();
            Set<String> listed = listedByAdmin(w.user());
            listedByEveryNode(w.user());
            for (LoadFamily f : w.families()) {
                ends.add(new InvariantChecker.FamilyEnd(f.id, f.sharesSession(), f.abandoned(), listed.contains(f.id)));
            }
        }
        List<Op> ops = log.ops();
        InvariantChecker.Report report = InvariantChecker.check(settings.seed(), ops, ends, faults, log.origin());
        System.out.println(report.summary());
        writeDetails(report, ops);
        return report;
    }

    /** Every violation and every operation (no token values) for a closer look: target/it/invariant-<seed>.txt. */
    private void writeDetails(InvariantChecker.Report report, List<Op> ops) {
        Path file = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("invariant-" + settings.seed() + ".txt");
        List<String> lines = new ArrayList<>(List.of(report.summary(), "", "all violations:"));
        lines.addAll(report.violations());
        lines.add("");
        lines.add("all operations:");
        ops.forEach(o -> lines.add(o.describe(log.origin())));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
            System.out.println("[invariant] details: " + file.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("[invariant] could not write " + file + ": " + e);
        }
    }

    // ---- for the workers ----

    OpLog log() {
        return log;
    }

    Kc node(int n) {
        return nodes.get(n - 1);
    }

    int nodeCount() {
        return nodes.size();
    }

    boolean retriesFaults() {
        return retriesFaults;
    }

    ExecutorService helpers() {
        return helpers;
    }

    boolean running() {
        return (held || System.nanoTime() < deadline) && failures.isEmpty();
    }

    void failed(Throwable t) {
        failures.add(t);
    }

    /** Runs {@code n} calls released at the same moment on helper threads and returns their results. */
    <T> List<T> together(int n, IntFunction<T> call) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            calls.add(helpers.submit(() -> {
                go.await();
                return call.apply(index);
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> c : calls) {
            try {
                out.add(c.get(2, TimeUnit.MINUTES));
            } catch (Exception e) {
                throw new IllegalStateException("a concurrent call failed", e);
            }
        }
        return out;
    }

    /** A master-realm admin token (renewed after 30 s), or null when no node gives one (during a fault). */
    synchronized String adminToken(int node) {
        if (adminToken == null || System.nanoTime() - adminTokenAt > ADMIN_TOKEN_MAX_AGE_NANOS) {
            try {
                adminToken = node(node).adminToken();
                adminTokenAt = System.nanoTime();
            } catch (AssertionError e) {
                return null;
            }
        }
        return adminToken;
    }

    /** Which nodes' admin API listed each family at the end (diagnostics of violation a on a cluster). */
    public Map<String, Set<Integer>> listingNodes() {
        return listingNodes;
    }

    /** What each node's admin API said of each listed family (no token values). */
    public Map<String, List<String>> listings() {
        return listings;
    }

    private final Map<String, List<String>> listings = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> listingNodes = new java.util.concurrent.ConcurrentHashMap<>();

    private void listedByEveryNode(TestUser user) {
        for (int n = 1; n <= nodes.size(); n++) {
            try {
                for (JsonNode d : node(n).devicesOf(user.id())) {
                    listingNodes.computeIfAbsent(d.path("id").asText(), k -> new java.util.TreeSet<>()).add(n);
                    listings.computeIfAbsent(d.path("id").asText(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add("node " + n + ": generation " + d.path("generation").asText() + ", last refresh "
                                    + d.path("last_refresh_at").asText() + ", session " + d.path("session_id").asText());
                }
            } catch (AssertionError e) {
                System.out.println("[invariant] node " + n + " could not list " + user.username() + "'s devices: " + e.getMessage());
            }
        }
    }

    /** The family ids the admin API lists for a user (a few tries: the cluster may just have recovered). */
    private Set<String> listedByAdmin(TestUser user) throws InterruptedException {
        AssertionError last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Set<String> ids = new HashSet<>();
                for (JsonNode d : node(1 + attempt % nodes.size()).devicesOf(user.id())) {
                    ids.add(d.path("id").asText());
                }
                return ids;
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(2000); // the admin API failed (only plausible right after a fault): ask again shortly
            }
        }
        throw new AssertionError("seed=" + settings.seed() + ": the admin API does not list " + user.username() + "'s devices", last);
    }
}
