package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import io.github.tokenfamilies.it.support.ClusterExtension;
import io.github.tokenfamilies.it.support.AtOnce;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakCluster;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Families on a two-node Keycloak cluster on PostgreSQL (Keycloak's own Infinispan + jdbc-ping, persistent
 * sessions): cross-node reuse, grace and races, node loss, and a full restart. Node-loss and restart run last.
 */
@ExtendWith(ClusterExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1000)
class ClusterIT {

    static final String APP = "mobile-app";

    @Test
    @Order(1)
    void reuseOnTheOtherNodeRevokesTheFamilyOnBoth(KeycloakCluster c) {
        Kc n1 = c.node(1);
        Kc n2 = c.node(2);
        TestUser u = n1.createUser("cl-reuse");
        Reply other = n2.passwordLogin(APP, u);
        String rt1 = n1.passwordLogin(APP, u).refreshToken();
        Reply r2 = n1.refresh(APP, rt1);
        Reply r3 = n1.refresh(APP, r2.refreshToken());
        assertEquals(200, r3.status(), r3.toString());
        assertEquals("refresh_token_reused", n2.refresh(APP, rt1).code());
        assertEquals("family_revoked", n1.refresh(APP, r3.refreshToken()).code());
        assertEquals("family_revoked", n2.refresh(APP, r3.refreshToken()).code());
        assertEquals(200, n1.refresh(APP, other.refreshToken()).status(), "the user's other family lives");
    }

    @Test
    @Order(2)
    void aGraceRetryOnTheOtherNodeGetsTheSameBytes(KeycloakCluster c) {
        TestUser u = c.node(1).createUser("cl-grace");
        String rt1 = c.node(1).passwordLogin(APP, u).refreshToken();
        Reply first = c.node(1).refresh(APP, rt1);
        Reply retry = c.node(2).refresh(APP, rt1);
        assertEquals(200, retry.status(), retry.toString());
        assertEquals(first.body(), retry.body());
    }

    @Test
    @Order(3)
    void fiftyConcurrentRefreshesAcrossBothNodesMakeOneRotation(KeycloakCluster c) throws Exception {
        TestUser u = c.node(1).createUser("cl-race");
        String rt1 = c.node(1).passwordLogin(APP, u).refreshToken();
        Set<String> bodies = new HashSet<>();
        for (Reply r : AtOnce.run(50, i -> c.node(1 + i % 2).refresh(APP, rt1))) {
            assertEquals(200, r.status(), "no false revocation: " + r);
            bodies.add(r.body());
        }
        assertEquals(1, bodies.size(), "one reply for all");
        String rt2 = new Reply(200, null, bodies.iterator().next()).refreshToken();
        assertEquals(2, Jwt.generation(rt2));
        assertEquals(200, c.node(2).refresh(APP, rt2).status());
    }

    /**
     * Issue 11: Keycloak commits its session cache even when the database commit fails, so a refresh whose commit
     * failed (the database went away mid-request) leaves the family one generation ahead of any token anyone holds,
     * and each retry that fails the same way moves it on again. The app's retry of the token it holds, once the
     * database is back, must continue the family: no reuse verdict, no revocation; an older token is still a reuse.
     * The failure is injected exactly where an outage hurts: a PostgreSQL trigger refuses every update of a client
     * session row, so requests read and decide normally and fail only when they commit.
     */
    @Test
    @Order(5)
    void refreshesWhoseCommitFailedAreRetriedAfterTheDatabaseRecovers(KeycloakCluster c) {
        Kc n1 = c.node(1);
        Kc n2 = c.node(2);
        TestUser u = n1.createUser("cl-outage");
        String older = n1.passwordLogin(APP, u).refreshToken();
        String held = n1.refresh(APP, older).refreshToken();
        c.database().query("create or replace function tf_it_refuse() returns trigger as $$ begin "
                + "raise exception 'injected by ClusterIT'; end $$ language plpgsql");
        c.database().query("create trigger tf_it_refuse before update on offline_client_session "
                + "for each row execute function tf_it_refuse()");
        int failed = 0;
        try {
            for (int i = 0; i < 4; i++) { // the app retries on both nodes, and on the mobile endpoint, while commits fail
                boolean mobile = i == 3;
                Reply r = mobile ? n2.mobileRefresh(APP, held, null) : (i % 2 == 0 ? n1 : n2).refresh(APP, held);
                if (r.status() == 200) {
                    held = r.refreshToken(); // a line that writes sessions after answering: the app holds the new token
                } else {
                    assertTrue(r.status() >= 500, "a server error while commits fail, not " + r.status() + " " + r.code());
                    if (mobile) {
                        assertEquals("server_error", r.field("error"), "the mobile endpoint's own code: " + r);
                        assertEquals("retry", r.field("action"), r.toString());
                    }
                    failed++;
                }
            }
        } finally {
            c.database().query("drop trigger if exists tf_it_refuse on offline_client_session");
        }
        if (System.getProperty("keycloak.version", "").startsWith("26.7")) {
            assertEquals(4, failed, "26.7 writes client-session changes when the request commits: each refresh failed");
        }
        Reply after = n2.refresh(APP, held);
        assertEquals(200, after.status(), "the token the app holds still refreshes after the outage: " + after.code());
        Reply next = n1.refresh(APP, after.refreshToken());
        assertEquals(200, next.status(), "and the family goes on: " + next.code());
        assertEquals("refresh_token_reused", n2.refresh(APP, older).code(), "a token older than the one held is a reuse");
        assertEquals("family_revoked", n1.refresh(APP, next.refreshToken()).code());
    }

    @Test
    @Order(10)
    void whenNode1IsLostFamiliesKeepWorkingOnNode2(KeycloakCluster c) {
        Kc n1 = c.node(1);
        Kc n2 = c.node(2);
        TestUser u = n1.createUser("cl-loss");
        String rt1 = n1.passwordLogin(APP, u).refreshToken();
        Reply r2 = n1.refresh(APP, rt1);
        Reply r3 = n1.refresh(APP, r2.refreshToken());

        c.server(1).stop();

        Reply r4 = n2.refresh(APP, r3.refreshToken());
        assertEquals(200, r4.status(), "the family works on the surviving node: " + r4);
        assertEquals(4, Jwt.generation(r4.refreshToken()));
        assertEquals("refresh_token_reused", n2.refresh(APP, r2.refreshToken()).code(), "consumed is still consumed");

        c.server(1).start();
        c.awaitClusterView();
    }

    @Test
    @Order(20)
    void afterAFullRestartOnPostgresLivePositionsWorkAndRevocationsHold(KeycloakCluster c) {
        Kc n1 = c.node(1);
        TestUser u = n1.createUser("cl-restart");
        Reply a1 = n1.passwordLogin(APP, u);
        Reply a2 = n1.refresh(APP, a1.refreshToken());
        Reply b1 = n1.passwordLogin(APP, u);
        Reply b2 = n1.refresh(APP, b1.refreshToken());
        Reply b3 = n1.refresh(APP, b2.refreshToken());
        assertEquals("refresh_token_reused", n1.refresh(APP, b1.refreshToken()).code());
        Reply o1 = n1.passwordLoginWithScope(APP, u, "openid offline_access");
        Reply o2 = n1.refresh(APP, o1.refreshToken());

        c.server(1).stop();
        c.server(2).stop();
        c.server(1).start();
        c.server(2).start();

        Kc n2 = c.node(2);
        assertEquals(200, n2.refresh(APP, a2.refreshToken()).status(), "live position after a full restart");
        assertEquals(200, n1.refresh(APP, o2.refreshToken()).status(), "offline family too");
        assertEquals("family_revoked", n2.refresh(APP, b3.refreshToken()).code(), "revoked stays revoked");
        assertEquals("refresh_token_reused", n1.refresh(APP, o1.refreshToken()).code(), "consumed stays consumed");
    }
}
