package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.tokenfamilies.it.support.FaultWindows;
import io.github.tokenfamilies.it.support.InvariantChecker;
import io.github.tokenfamilies.it.support.InvariantLoad;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11: many families under concurrent refreshes, grace retries, consumed tokens, logouts and device DELETEs
 * (by the user and by an admin), some raced against refreshes of the same family, on the shared dev server; then
 * the invariants of {@link InvariantChecker} on the replies. Timing is random but seeded: the seed is printed
 * first and in every message; rerun one with {@code -Dinvariant.seed=N}; {@code -Dinvariant.seconds=N} for a
 * longer run (default 75 s), {@code -Dinvariant.workers=N} (default 6).
 */
@ExtendWith(KeycloakExtension.class)
class InvariantIT {

    @Test
    void revocationsAreFinalRetriesNeverForkAndNothingIsRevokedFalsely(Kc kc) throws Exception {
        InvariantLoad load = new InvariantLoad(InvariantLoad.Settings.fromSystemProperties(75, 6), List.of(kc.forLoad()),
                new FaultWindows(), false);
        load.start();
        InvariantChecker.Report report = load.finish();

        String seed = "seed=" + report.seed() + ": ";
        assertTrue(report.sharedSessionRevocations() > 0, seed + "the load revoked no family that shares its session\n" + report.summary());
        assertTrue(report.violations().isEmpty(), seed + report.violations().size() + " invariant violations\n" + report.summary());
    }
}
