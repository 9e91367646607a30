import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for bench/run.sh. Measures stock Keycloak and token families side by side on one server, in
 * interleaved rounds (P A B C D E… P A B C D E…), and reports throughput, p50/p99 latency and server CPU ms per
 * request (read from /proc for the Keycloak JVM), then ratios. Usage: java Bench.java <baseUrl> <keycloakPid> <out.md>
 *
 * <p>Variants (bench/run.sh): a cluster gives comma-separated base URLs and JVM pids; request k of a family (k = 0: its
 * login) then goes to node k mod n, and the server CPU is the sum over the JVMs. {@code -Dpopulate=N} only creates N
 * live families in bench-b by logins and times the admin devices listing of a 50-family user (see "Scale variant").
 */
public final class Bench {

    static final int CHAINS = Integer.getInteger("chains", 8);
    static final int ROUNDS = Integer.getInteger("rounds", 5);
    static final int SECONDS = Integer.getInteger("seconds", 8);
    static final int SCALE = Integer.getInteger("generations", 10_000);
    /**
     * Families per chain. A chain cycles through its families so that no family is refreshed twice within one second
     * (the report prints the mean interval); devices in production refresh minutes apart. Two refreshes of one family
     * within the same second let a plain stock refresh skip its session write (Keycloak only persists a later
     * timestamp), which never happens for real devices, while any rotation must write every time.
     */
    static final int FAMILIES = Integer.getInteger("families", 300);
    static final Map<String, String[][]> POOLS = new java.util.concurrent.ConcurrentHashMap<>();
    static final Pattern RT = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");
    static final Pattern AT = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    static String base;
    /** The nodes' base URLs (one unless a cluster) and their JVM pids. */
    static String[] nodes;
    static long[] pids;
    /** How many requests each family of a pool has had (its login is request 0): request k goes to node k mod n. */
    static final Map<String, int[][]> REQUESTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One scenario's measurement; start and end (UTC wall clock) locate it in a JFR recording. */
    record Result(String name, double throughput, double p50, double p99, double cpuMsPerRequest, long requests, long errors,
                  String start, String end) {
    }

    /** UTC wall clock, as JFR prints it on a UTC machine. */
    static String clock() {
        return java.time.LocalTime.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
    }

    interface Step {
        /** One request of a chain; returns false on a failed request. */
        boolean run(int chain) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        nodes = args[0].split(",");
        base = nodes[0];
        pids = Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        Path out = Path.of(args[2]);
        if (Integer.getInteger("populate", 0) > 0) {
            Files.writeString(out, populate(Integer.getInteger("populate", 0)) + devicesListing());
            return;
        }
        Map<String, List<Result>> all = new LinkedHashMap<>();
        String[] names = System.getProperty("scenarios", "P,A,B,C,D,E-std,E-mobile,Q").split(",");
        int warmup = Integer.getInteger("warmup", 3);
        int maxWarmup = Integer.getInteger("maxWarmup", 10);
        // Warm up until the server is in a steady state: at least `warmup` rounds, and the throughput of each of P, A
        // and B (those in this run) within 5 % over the last two rounds, at most maxWarmup. P alone is not enough: on
        // a slow or busy machine P can be steady while B, whose code the JIT reaches later, still climbs.
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        for (String key : new String[]{"P", "A", "B"}) {
            if (Arrays.asList(names).contains(key)) {
                warm.put(key, new ArrayList<>());
            }
        }
        int warmRounds = 0;
        while (warmRounds < warmup || (!warm.isEmpty() && warmRounds < maxWarmup && !allSteady(warm))) {
            warmRounds++;
            for (int k = 0; k < names.length; k++) {
                String n = names[Math.floorMod(k + warmRounds, names.length)];
                Result r = scenario(n);
                if (warm.containsKey(n)) {
                    warm.get(n).add(r.throughput);
                }
                print("warm-up " + warmRounds, r);
            }
        }
        StringBuilder perRound = new StringBuilder();
        warm.forEach((key, list) -> perRound.append(perRound.length() == 0 ? "" : "; ").append(key).append(": ")
                .append(list.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).reduce((x, y) -> x + ", " + y).orElse("-")));
        warmupNote = String.format(Locale.ROOT, "%d warm-up rounds (throughput per warm-up round in req/s, %s; %s)", warmRounds,
                perRound.length() == 0 ? "-" : perRound,
                allSteady(warm) ? "the last two within 5 % for each" : "NOT steady after " + maxWarmup + " rounds");
        System.out.println(warmupNote);
        long[] nodeCpu0 = nodeCpuMillis();
        for (int round = 1; round <= ROUNDS; round++) {
            for (int k = 0; k < names.length; k++) {
                // rotate the order every round, so that no scenario always runs first (JIT and caches still warming)
                String n = names[Math.floorMod(k + round, names.length)];
                Result r = scenario(n);
                all.computeIfAbsent(n, key -> new ArrayList<>()).add(r);
                print("round " + round, r);
            }
        }
        if (!Boolean.parseBoolean(System.getProperty("report", String.valueOf(names.length >= 7)))) {
            return; // a partial run (profiling): no report
        }
        StringBuilder md = new StringBuilder();
        md.append("| Scenario | Throughput (req/s) | p50 (ms) | p99 (ms) | Server CPU ms/request | Errors |\n|---|---|---|---|---|---|\n");
        Map<String, Result> med = new LinkedHashMap<>();
        for (String n : names) {
            Result m = median(all.get(n));
            med.put(n, m);
            md.append(String.format(Locale.ROOT, "| %s %s | %.1f | %.2f | %.2f | %.2f | %d |%n", n, label(n), m.throughput, m.p50, m.p99, m.cpuMsPerRequest, m.errors));
        }
        md.append("\n").append(warmupNote).append(".\n\n");
        md.append("Paired ratios, computed per round (both scenarios of a ratio measured in the same round):\n\n");
        md.append("| Ratio | Median | Min | Max | Per round | Spread |\n|---|---|---|---|---|---|\n");
        paired(md, all, "B/P throughput", "B", "P", Result::throughput);
        paired(md, all, "B/A throughput", "B", "A", Result::throughput);
        paired(md, all, "C/B throughput", "C", "B", Result::throughput);
        paired(md, all, "A/P throughput", "A", "P", Result::throughput);
        paired(md, all, "B/P server CPU per request", "B", "P", Result::cpuMsPerRequest);
        if (all.containsKey("Q")) {
            paired(md, all, "Q/P throughput (client-policy machinery alone)", "Q", "P", Result::throughput);
            paired(md, all, "B/Q throughput (token families minus the machinery)", "B", "Q", Result::throughput);
        }
        paired(md, all, "D p99 / A p50", "D", "A", r -> r.p99, r -> r.p50);
        paired(md, all, "E-mobile/E-std throughput", "E-mobile", "E-std", Result::throughput);
        md.append("\n```\n");
        if (pids.length > 1) { // evidence that the chains alternate nodes: each JVM's share of the measured rounds
            long[] nodeCpu1 = nodeCpuMillis();
            for (int i = 0; i < pids.length; i++) {
                md.append(String.format(Locale.ROOT, "server CPU of node %d over the measured rounds = %.1f s%n", i + 1,
                        (nodeCpu1[i] - nodeCpu0[i]) / 1000.0));
            }
        }
        if (med.containsKey("P")) {
            md.append(String.format(Locale.ROOT, "mean interval between two refreshes of one family in P = %.2f s%n",
                    CHAINS * FAMILIES / med.get("P").throughput));
        }
        if (SCALE > 0) {
            md.append(scaling());
        }
        md.append("```\n");
        System.out.println();
        System.out.println(md);
        Files.writeString(out, md.toString());
    }

    // ---- Report: medians and ratios paired by round ----

    static String warmupNote = "";

    static void print(String round, Result r) {
        System.out.printf(Locale.ROOT, "%-11s %-9s %8.1f req/s  p50 %6.2f ms  p99 %6.2f ms  cpu %5.2f ms/req  errors %d  (%s - %s)%n",
                round, r.name, r.throughput, r.p50, r.p99, r.cpuMsPerRequest, r.errors, r.start, r.end);
    }

    /** Whether every scenario the warm-up watches is steady (none watched: never). */
    static boolean allSteady(Map<String, List<Double>> warm) {
        return !warm.isEmpty() && warm.values().stream().allMatch(Bench::steady);
    }

    static boolean steady(List<Double> p) {
        int n = p.size();
        return n >= 2 && Math.abs(p.get(n - 1) - p.get(n - 2)) <= 0.05 * Math.max(p.get(n - 1), p.get(n - 2));
    }

    /** What one paired ratio gives per round: both scenarios of a ratio ran in the same round, minutes apart at most. */
    interface Metric {
        double of(Result r);
    }

    /**
     * A ratio computed per round (numerator and denominator measured in the same round), with min, median and max over
     * the rounds; a spread wider than 0.10 is reported as too wide to conclude from this run.
     */
    static void paired(StringBuilder md, Map<String, List<Result>> all, String name, String num, String den, Metric m) {
        paired(md, all, name, num, den, m, m);
    }

    static void paired(StringBuilder md, Map<String, List<Result>> all, String name, String num, String den, Metric mn, Metric md2) {
        List<Result> a = all.get(num);
        List<Result> b = all.get(den);
        if (a == null || b == null) {
            return; // a variant that does not run both scenarios
        }
        double[] v = new double[Math.min(a.size(), b.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = mn.of(a.get(i)) / md2.of(b.get(i));
        }
        String perRound = Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).reduce((x, y) -> x + " " + y).orElse("");
        Arrays.sort(v);
        double spread = v[v.length - 1] - v[0];
        md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %s | %s |%n", name, v[v.length / 2], v[0], v[v.length - 1],
                perRound, spread > 0.10 ? "too wide to conclude" : "ok"));
    }

    static String label(String n) {
        return switch (n) {
            case "P" -> "(stock refresh, no rotation)";
            case "A" -> "(stock \"Revoke Refresh Token\")";
            case "B" -> "(token families, standard endpoint)";
            case "Q" -> "(stock refresh, realm has a token-families policy for another client)";
            case "C" -> "(token families, /mobile/token JSON)";
            case "D" -> "(grace replay of the just-used token)";
            case "E-std" -> "(password login, standard endpoint)";
            default -> "(password login, /mobile/token)";
        };
    }

    static Result median(List<Result> rs) {
        double[] t = rs.stream().mapToDouble(Result::throughput).sorted().toArray();
        double[] p50 = rs.stream().mapToDouble(Result::p50).sorted().toArray();
        double[] p99 = rs.stream().mapToDouble(Result::p99).sorted().toArray();
        double[] cpu = rs.stream().mapToDouble(Result::cpuMsPerRequest).sorted().toArray();
        return new Result(rs.get(0).name, t[t.length / 2], p50[p50.length / 2], p99[p99.length / 2], cpu[cpu.length / 2],
                rs.stream().mapToLong(Result::requests).sum(), rs.stream().mapToLong(Result::errors).sum(), null, null);
    }

    // ---- Scenarios, family pools, measurement, the scaling run ----

    static Result scenario(String n) throws Exception {
        String[] tokens = new String[CHAINS];
        Step step;
        switch (n) {
            case "P", "A", "B", "Q" -> {
                String realm = "bench-" + n.toLowerCase(Locale.ROOT);
                String[][] pool = pool(realm);
                int[][] requests = REQUESTS.get(realm);
                int[] next = new int[CHAINS];
                step = c -> {
                    int f = next[c]++ % FAMILIES;
                    String rotated = rt(post(node(++requests[c][f]), realm, pool[c][f]));
                    if (rotated == null) {
                        return false;
                    }
                    pool[c][f] = rotated;
                    return true;
                };
            }
            case "C" -> {
                String[][] pool = pool("bench-b"); // the same families as B, now refreshed through /mobile/token
                int[][] requests = REQUESTS.get("bench-b");
                int[] next = new int[CHAINS];
                step = c -> {
                    int f = next[c]++ % FAMILIES;
                    String rotated = rt(json(node(++requests[c][f]), "bench-b", "{\"grant_type\":\"refresh_token\",\"client_id\":\"bench-app\",\"refresh_token\":\""
                            + pool[c][f] + "\"}"));
                    if (rotated == null) {
                        return false;
                    }
                    pool[c][f] = rotated;
                    return true;
                };
            }
            case "D" -> {
                for (int i = 0; i < CHAINS; i++) {
                    tokens[i] = rt(login("bench-b", i, false));
                    post(node(1), "bench-b", tokens[i]); // tokens[i] is now the just-used parent
                }
                // the retry goes to the node that did not rotate (the same node when there is one)
                step = c -> rt(post(node(0), "bench-b", tokens[c])) != null;
            }
            case "E-std" -> step = c -> rt(login(node(c), "bench-e", c, false)) != null;
            default -> step = c -> rt(login(node(c), "bench-e", c, true)) != null;
        }
        Result r = measure(n, step);
        if (n.startsWith("E-")) {
            // thousands of logins a round: end their sessions (unmeasured) so that the session store does not grow
            // from round to round, which would slow every later scenario down, as it never happens in production
            form(base + "/admin/realms/bench-e/logout-all", "", adminToken());
        }
        return r;
    }

    /** FAMILIES logins per chain in a realm, made once (in parallel) and reused across rounds. */
    static String[][] pool(String realm) throws Exception {
        String[][] existing = POOLS.get(realm);
        if (existing != null) {
            return existing;
        }
        String[][] pool = new String[CHAINS][FAMILIES];
        Thread[] workers = new Thread[CHAINS];
        for (int c = 0; c < CHAINS; c++) {
            int chain = c;
            workers[c] = new Thread(() -> {
                for (int f = 0; f < FAMILIES; f++) {
                    try {
                        pool[chain][f] = rt(login(realm, chain, false));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            workers[c].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        REQUESTS.put(realm, new int[CHAINS][FAMILIES]);
        POOLS.put(realm, pool);
        return pool;
    }

    static Result measure(String name, Step step) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        CountDownLatch done = new CountDownLatch(CHAINS);
        long cpu0 = serverCpuMillis();
        String started = clock();
        long t0 = System.nanoTime();
        for (int c = 0; c < CHAINS; c++) {
            int chain = c;
            new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long s = System.nanoTime();
                        boolean ok = step.run(chain);
                        latencies.add(System.nanoTime() - s);
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = serverCpuMillis() - cpu0;
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long n = l.length;
        return new Result(name, n / seconds, pct(l, 0.50), pct(l, 0.99), n == 0 ? 0 : (double) cpu / n, n, errors.get(),
                started, clock());
    }

    static String scaling() throws Exception {
        // warm the serial single-family path first, so that generations 1-100 of the measured family are not also
        // the JIT's and the caches' first steps in this pattern (that made them look slower than late generations)
        String warm = rt(login("bench-b", 30, false));
        for (int g = 1; g < 300; g++) {
            warm = rt(post(base, "bench-b", warm));
        }
        String rt = rt(login("bench-b", 31, false));
        long[] gen = new long[SCALE + 1];
        String stateStart = null;
        for (int g = 1; g < SCALE; g++) {
            long s = System.nanoTime();
            rt = rt(post(base, "bench-b", rt));
            gen[g] = System.nanoTime() - s;
            if (g == 2) {
                stateStart = stateBytes();
            }
        }
        String stateEnd = stateBytes();
        long[] early = Arrays.stream(gen, 1, 101).sorted().toArray();
        long[] late = Arrays.stream(gen, SCALE - 100, SCALE).sorted().toArray();
        return String.format(Locale.ROOT, "scaling: ms/refresh generations 1-100 %s; %d-%d %s%n"
                        + "ratio late/early median time per refresh = %.2f%nratio late/early mean time per refresh = %.2f%n"
                        + "state bytes after 2 rotations = %s, after %d = %s%n",
                window(early), SCALE - 99, SCALE, window(late), pct(late, 0.50) / pct(early, 0.50),
                Arrays.stream(late).average().orElse(0) / Arrays.stream(early).average().orElse(1), stateStart, SCALE, stateEnd);
    }

    static String window(long[] sorted) {
        return String.format(Locale.ROOT, "mean %.2f, median %.2f, max %.2f", Arrays.stream(sorted).average().orElse(0) / 1e6,
                pct(sorted, 0.50), pct(sorted, 1.0));
    }

    // ---- Scale variant (-Dpopulate=N): a population of live families, and the admin listing of a 50-family user ----

    static final int PER_USER = 50;

    /**
     * N password logins to bench-b, 50 per user (pop0, pop1, … imported by bench-realms.py), each with its own device id
     * (X-Device-Id), from populateThreads concurrent threads, spread over the nodes; every login must succeed.
     */
    static String populate(int n) throws Exception {
        int threads = Integer.getInteger("populateThreads", 8);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();
        long t0 = System.nanoTime();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n && failure.get() == null; i = next.getAndIncrement()) {
                    try {
                        String body = HTTP.send(HttpRequest.newBuilder(URI.create(node(i) + "/realms/bench-b/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Device-Id", "pop-" + i)
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=bench-app&username=pop"
                                        + i / PER_USER + "&password=bench-password")).build(), HttpResponse.BodyHandlers.ofString()).body();
                        if (rt(body) == null) {
                            failure.compareAndSet(null, "login " + i + " refused: " + body); // an OAuth error body, no token
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, "login " + i + ": " + e);
                    }
                    if ((i + 1) % Math.max(1, n / 10) == 0) {
                        System.out.printf(Locale.ROOT, "[bench] %d of %d families, %.0f logins/s%n", i + 1, n, (i + 1) / ((System.nanoTime() - t0) / 1e9));
                    }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String line = String.format(Locale.ROOT, "population: %d logins (%d users x %d device ids, %d threads) in %.0f s = %.0f logins/s%n",
                n, (n + PER_USER - 1) / PER_USER, PER_USER, threads, seconds, n / seconds);
        System.out.print(line);
        return line;
    }

    /** GET token-families/users/{pop0}/devices (50 families): 50 warm-up requests, then 200 sequential ones timed. */
    static String devicesListing() throws Exception {
        String admin = adminToken();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(get(base + "/admin/realms/bench-b/users?username=pop0&exact=true", admin));
        m.find();
        String url = base + "/admin/realms/bench-b/token-families/users/" + m.group(1) + "/devices";
        String first = get(url, admin);
        long listed = Pattern.compile("\"id\":\"pop-").matcher(first).results().count();
        if (listed != PER_USER) {
            throw new IllegalStateException("the devices listing of pop0 shows " + listed + " families, not " + PER_USER);
        }
        for (int i = 0; i < 50; i++) {
            get(url, admin);
        }
        admin = adminToken(); // master's access tokens live 60 s
        long[] l = new long[200];
        for (int i = 0; i < l.length; i++) {
            long s = System.nanoTime();
            get(url, admin);
            l[i] = System.nanoTime() - s;
        }
        Arrays.sort(l);
        String line = String.format(Locale.ROOT, "admin devices listing of a user with %d families (200 sequential requests after 50): "
                + "p50 %.2f ms, p99 %.2f ms (target p99 < 50 ms)%n", PER_USER, pct(l, 0.50), pct(l, 0.99));
        System.out.print(line);
        return line;
    }

    static String adminToken() throws Exception {
        return access(form(base + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=admin&password=admin"));
    }

    static String stateBytes() throws Exception {
        String admin = adminToken();
        String users = get(base + "/admin/realms/bench-b/users?username=user31&exact=true", admin);
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(users);
        m.find();
        String devices = get(base + "/admin/realms/bench-b/token-families/users/" + m.group(1) + "/devices", admin);
        Matcher s = Pattern.compile("\"state_bytes\":(\\d+)").matcher(devices);
        return s.find() ? s.group(1) : "?";
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }

    // ---- Server CPU (sum over the JVMs) and HTTP ----

    static long serverCpuMillis() throws Exception {
        return Arrays.stream(nodeCpuMillis()).sum();
    }

    /** Each JVM's CPU time (user + system) in ms. */
    static long[] nodeCpuMillis() throws Exception {
        long[] ms = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            String[] f = Files.readString(Path.of("/proc/" + pids[i] + "/stat")).split("\\) ", 2)[1].split(" ");
            ms[i] = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime + stime (fields 14, 15), USER_HZ = 100
        }
        return ms;
    }

    /** The node of request k of a family (its login is request 0). */
    static String node(int k) {
        return nodes[Math.floorMod(k, nodes.length)];
    }

    static String login(String realm, int chain, boolean mobile) throws Exception {
        return login(base, realm, chain, mobile);
    }

    static String login(String at, String realm, int chain, boolean mobile) throws Exception {
        String user = "user" + chain;
        if (mobile) {
            return json(at, realm, "{\"grant_type\":\"password\",\"client_id\":\"bench-app\",\"username\":\"" + user
                    + "\",\"password\":\"bench-password\",\"device\":{\"id\":\"bench-" + chain + "\",\"name\":\"Bench\"}}");
        }
        return form(at + "/realms/" + realm + "/protocol/openid-connect/token",
                "grant_type=password&client_id=bench-app&username=" + user + "&password=bench-password");
    }

    /** A refresh at one node. */
    static String post(String at, String realm, String token) throws Exception {
        return form(at + "/realms/" + realm + "/protocol/openid-connect/token",
                "grant_type=refresh_token&client_id=bench-app&refresh_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    static String json(String at, String realm, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(at + "/realms/" + realm + "/mobile/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String form(String url, String body) throws Exception {
        return form(url, body, null);
    }

    static String form(String url, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String get(String url, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String rt(String body) {
        Matcher m = RT.matcher(body == null ? "" : body);
        return m.find() ? m.group(1) : null;
    }

    static String access(String body) {
        Matcher m = AT.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    static {
        ManagementFactory.getRuntimeMXBean(); // JVM warm
    }
}
