package io.github.tokenfamilies.it.support;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.tokenfamilies.it.support.Op.Kind;

/**
 * Checks the invariants of issue 11 on a finished load, from the replies alone (and the admin API's final view);
 * the outcome depends on what the server answered, never on how the requests happened to interleave:
 * <ol type="a">
 * <li>after the first revocation answer for a family (refresh_token_reused, device_mismatch, or a 204 from logout or
 * a device DELETE), received at T, no refresh of that family that started after T succeeds, and the admin API
 * does not list it at the end (R10);</li>
 * <li>one generation of one family never gets two different successful replies (R3, R4);</li>
 * <li>a family that only saw refreshes of its live token and grace retries was never refused and still refreshes
 * at the end (R4: no false revocation);</li>
 * <li>no 5xx and no unanswered request, except while an injected fault lasted.</li>
 * </ol>
 */
public final class InvariantChecker {

    /** What the load knows about a family at the end. */
    public record FamilyEnd(String id, boolean sharesSession, boolean abandoned, boolean listedByAdmin) {
    }

    /** The outcome: counts, every violation (each message names the seed), and the summary printed at the end. */
    public record Report(long seed, int operations, long revocations, long sharedSessionRevocations, List<String> violations,
                         String summary) {
    }

    private static final int MAX_PER_FAMILY = 3;

    private final long seed;
    private final long origin;
    private final List<Op> ops;
    private final Map<String, List<Op>> byFamily;
    private final Map<String, Op> firstRevocation = new HashMap<>();
    private final Map<Character, List<String>> violations = new LinkedHashMap<>();
    private final Map<Character, Set<String>> violatingFamilies = new HashMap<>();

    private InvariantChecker(long seed, List<Op> ops, long origin) {
        this.seed = seed;
        this.ops = ops;
        this.origin = origin;
        this.byFamily = ops.stream().filter(o -> o.familyId() != null).collect(Collectors.groupingBy(Op::familyId));
        for (char c = 'a'; c <= 'd'; c++) {
            violations.put(c, new ArrayList<>());
            violatingFamilies.put(c, new HashSet<>());
        }
        ops.stream().filter(Op::isRevocationAnswer)
                .forEach(o -> firstRevocation.merge(o.familyId(), o, (x, y) -> x.endNanos() <= y.endNanos() ? x : y));
    }

    public static Report check(long seed, List<Op> ops, List<FamilyEnd> families, FaultWindows faults, long origin) {
        InvariantChecker c = new InvariantChecker(seed, ops, origin);
        c.verdictsAreFinal(families);
        c.oneReplyPerGeneration();
        c.noFalseRevocation(families);
        c.noFaultsOutsideFaultWindows(faults);
        long shared = families.stream().filter(f -> f.sharesSession() && c.firstRevocation.containsKey(f.id())).count();
        return new Report(seed, ops.size(), c.firstRevocation.size(), shared,
                c.violations.values().stream().flatMap(List::stream).toList(), c.summary(families, faults));
    }

    /** (a) R10. */
    private void verdictsAreFinal(List<FamilyEnd> families) {
        firstRevocation.forEach((family, verdict) -> byFamily.get(family).stream()
                .filter(o -> o.isSuccessfulRefresh() && o.startNanos() > verdict.endNanos())
                .limit(MAX_PER_FAMILY)
                .forEach(o -> add('a', family, "family " + family + " succeeded after its revocation was answered: revoked by "
                        + verdict.describe(origin) + "; later " + o.describe(origin))));
        families.stream().filter(f -> f.listedByAdmin() && firstRevocation.containsKey(f.id()))
                .forEach(f -> add('a', f.id(), "the admin API still lists family " + f.id() + " at the end; it was revoked by "
                        + firstRevocation.get(f.id()).describe(origin)));
    }

    /** (b) R3/R4. */
    private void oneReplyPerGeneration() {
        Map<String, Map<String, Op>> replies = new HashMap<>();
        ops.stream().filter(o -> o.isSuccessfulRefresh() && o.generation() >= 0 && o.refreshToken() != null)
                .forEach(o -> replies.computeIfAbsent(o.familyId() + " gen " + o.generation(), k -> new LinkedHashMap<>())
                        .putIfAbsent(o.refreshToken(), o));
        replies.forEach((position, distinct) -> {
            if (distinct.size() > 1) {
                List<Op> two = distinct.values().stream().limit(2).toList();
                add('b', two.get(0).familyId(), distinct.size() + " different successful replies for family " + position + ": "
                        + two.get(0).describe(origin) + " and " + two.get(1).describe(origin));
            }
        });
    }

    /** (c) R4: refreshes and retries of the live position never revoke. */
    private void noFalseRevocation(List<FamilyEnd> families) {
        for (FamilyEnd f : families) {
            List<Op> own = byFamily.getOrDefault(f.id(), List.of());
            if (f.abandoned() || own.stream().anyMatch(o -> o.kind().provokes())) {
                continue;
            }
            own.stream().filter(o -> o.kind().isRefresh() && o.kind() != Kind.FINAL && o.status() != 200 && !o.isFault())
                    .findFirst()
                    .ifPresent(o -> add('c', f.id(), "family " + f.id() + " saw only its own refreshes and retries but was refused: "
                            + o.describe(origin)));
            Optional<Op> last = own.stream().filter(o -> o.kind() == Kind.FINAL).reduce((x, y) -> y);
            if (last.isEmpty() || last.get().status() != 200) {
                add('c', f.id(), "family " + f.id() + " saw only its own refreshes and retries but does not refresh at the end: "
                        + last.map(o -> o.describe(origin)).orElse("no final refresh"));
            }
        }
    }

    /** (d) */
    private void noFaultsOutsideFaultWindows(FaultWindows faults) {
        ops.stream().filter(o -> o.isFault() && !faults.excuses(o))
                .forEach(o -> add('d', o.familyId(), "server error or no answer outside any injected fault: " + o.describe(origin)));
    }

    private void add(char check, String familyId, String message) {
        violations.get(check).add("seed=" + seed + " (" + check + ") " + message);
        if (familyId != null) {
            violatingFamilies.get(check).add(familyId);
        }
    }

    private String summary(List<FamilyEnd> families, FaultWindows faults) {
        Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
        ops.forEach(o -> byKind.merge(o.kind(), 1L, Long::sum));
        long raced = firstRevocation.values().stream().filter(this::overlapsARefresh).count();
        long sharedRevoked = families.stream().filter(f -> f.sharesSession() && firstRevocation.containsKey(f.id())).count();
        long innocent = families.stream().filter(f -> !f.abandoned()
                && byFamily.getOrDefault(f.id(), List.of()).stream().noneMatch(o -> o.kind().provokes())).count();
        String checks = violations.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()
                + (e.getValue().isEmpty() ? "" : " in " + violatingFamilies.get(e.getKey()).size() + " families"))
                .collect(Collectors.joining(", "));
        int total = violations.values().stream().mapToInt(List::size).sum();
        String kinds = byKind.entrySet().stream().map(e -> e.getKey().name().toLowerCase() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        StringBuilder s = new StringBuilder();
        long[] millis = ops.stream().filter(o -> o.kind().isRefresh()).mapToLong(o -> (o.endNanos() - o.startNanos()) / 1_000_000)
                .sorted().toArray();
        s.append(String.format("[invariant] seed=%d: %d operations (%s); %d successful refreshes, %d fault replies; "
                        + "refresh latency median %d ms, p95 %d ms%n", seed, ops.size(), kinds,
                ops.stream().filter(Op::isSuccessfulRefresh).count(), ops.stream().filter(Op::isFault).count(),
                percentile(millis, 50), percentile(millis, 95)));
        s.append(String.format("[invariant] %d families (%d sharing a Keycloak session, %d never provoked, %d abandoned after a fault); "
                        + "%d revocations (%d of shared-session families, %d answered while a refresh of the family was in flight)%n",
                families.size(), families.stream().filter(FamilyEnd::sharesSession).count(), innocent,
                families.stream().filter(FamilyEnd::abandoned).count(), firstRevocation.size(), sharedRevoked, raced));
        s.append(String.format("[invariant] %d violations (%s); %d faults injected%s", total, checks, faults.count(),
                faults.windows().stream().map(w -> String.format("; %s at %.1fs-%.1fs", w.what(), (w.startNanos() - origin) / 1e9,
                        (w.endNanos() - origin) / 1e9)).collect(Collectors.joining())));
        violations.values().stream().flatMap(List::stream).limit(40).forEach(v -> s.append("\n[invariant]   ").append(v));
        return s.toString();
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    /** Whether a refresh of the revoked family was in flight while the revocation was being answered. */
    private boolean overlapsARefresh(Op verdict) {
        return byFamily.get(verdict.familyId()).stream().anyMatch(o -> o != verdict && o.kind().isRefresh()
                && o.startNanos() < verdict.endNanos() && o.endNanos() > verdict.startNanos());
    }
}
