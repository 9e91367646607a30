package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.github.tokenfamilies.it.support.ClusterExtension;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakCluster;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #14 on the two-node cluster (PostgreSQL, persistent sessions): 20 simultaneous logins of one user at
 * {@code max-devices=3}, alternating between the nodes, never leave more than 3 live families.
 */
@ExtendWith(ClusterExtension.class)
@Order(999)
class ClusterDeviceLimitIT {

    static final String EVICT_APP = "cl-limit-evict-app";
    static final String REFUSE_APP = "cl-limit-refuse-app";

    @Test
    void twentyLoginsSplitAcrossTwoNodesNeverLeaveMoreThanThreeLiveFamilies(KeycloakCluster c) throws Exception {
        Kc n1 = c.node(1);
        n1.createPublicClient(EVICT_APP);
        n1.optIn(EVICT_APP, Map.of("max-devices", "3", "on-device-limit", "evict-oldest"));
        n1.createPublicClient(REFUSE_APP);
        n1.optIn(REFUSE_APP, Map.of("max-devices", "3", "on-device-limit", "refuse"));
        // Keycloak's brute-force protection answers most simultaneous correct logins of one user with
        // user_temporarily_disabled (see DeviceLimitIT); off for this test only.
        assertEquals(204, n1.admin("PUT", "", "{\"bruteForceProtected\":false}").status());
        try {
            DeviceLimitIT.twentyAtOnce(n1, i -> c.node(1 + Math.floorMod(i, 2)), EVICT_APP, true);
            DeviceLimitIT.twentyAtOnce(n1, i -> c.node(1 + Math.floorMod(i, 2)), REFUSE_APP, false);
        } finally {
            assertEquals(204, n1.admin("PUT", "", "{\"bruteForceProtected\":true}").status());
        }
    }
}
