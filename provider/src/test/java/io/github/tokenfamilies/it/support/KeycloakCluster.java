package io.github.tokenfamilies.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Two Keycloak nodes of the pinned version on loopback, sharing one PostgreSQL, clustered by Keycloak's own
 * Infinispan over JGroups jdbc-ping, in production mode ({@code kc.sh build --db=postgres}, {@code start --optimized}).
 * One fixed {@code --hostname}, so a token issued by one node is valid at the other.
 */
public final class KeycloakCluster {

    /** The issuer both nodes use; never resolved: clients talk to the nodes' own ports. */
    static final String HOSTNAME = "http://cluster.token-families.test";
    private static final Pattern TWO_MEMBERS = Pattern.compile("ISPN000094: Received new cluster view for channel ISPN: \\[[^\\]]*\\] \\(2\\)");

    private final PostgresServer postgres;
    private final List<KeycloakServer> nodes = new ArrayList<>();
    private final List<Kc> clients = new ArrayList<>();

    KeycloakCluster() {
        Path work = Path.of(KeycloakServer.required("it.work.dir")).resolve("cluster");
        this.postgres = new PostgresServer(work.resolve("postgres"));
        postgres.start();
        Path built = work.resolve("keycloak-built");
        prepare(Path.of(KeycloakServer.required("it.keycloak.home")), built);
        for (int i = 1; i <= 2; i++) {
            Path home = work.resolve("node" + i);
            PrivateServer.copyDistribution(built, home);
            KeycloakServer node = new KeycloakServer(home, work.resolve("node" + i + ".log"), List.of("start", "--optimized",
                    "--http-enabled=true", "--hostname=" + HOSTNAME, "--db-url=" + postgres.jdbcUrl(), "--db-username=keycloak",
                    "--db-password=unused", "--cache-embedded-network-bind-address=127.0.0.1",
                    "--cache-embedded-network-bind-port=" + KeycloakServer.freePort(), "--import-realm"));
            nodes.add(node);
            clients.add(new Kc(node));
        }
        nodes.get(0).start();
        nodes.get(1).start();
        awaitClusterView();
    }

    /** The node's helper client (1-based). */
    public Kc node(int n) {
        return clients.get(n - 1);
    }

    public KeycloakServer server(int n) {
        return nodes.get(n - 1);
    }

    /** The cluster's PostgreSQL (fault injection: stop it and start it again). */
    public PostgresServer database() {
        return postgres;
    }

    /** Waits until both nodes report a two-member Infinispan view (up to two minutes). */
    public void awaitClusterView() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (nodes.stream().allMatch(n -> TWO_MEMBERS.matcher(n.logText()).find())) {
                System.out.println("[it] cluster view has both nodes");
                return;
            }
            try {
                Thread.sleep(500); // polls the nodes' own report of the cluster view; no other readiness signal exists
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the two nodes did not form one cluster:\n" + nodes.get(1).tail(40));
    }

    void stop() {
        nodes.forEach(KeycloakServer::stop);
        postgres.stop();
    }

    private static void prepare(Path dist, Path built) {
        PrivateServer.copyDistribution(dist, built);
        KeycloakServer.install(built);
        Commands.run(List.of("bash", built.resolve("bin/kc.sh").toString(), "build", "--db=postgres",
                "--health-enabled=true", "--metrics-enabled=true"), 5);
    }
}
