package io.github.tokenfamilies.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts PostgreSQL and the two-node Keycloak cluster once per test run, stops them at the end; injects
 * {@link KeycloakCluster}. Skips where PostgreSQL is not installed (.ci/run installs it).
 */
public final class ClusterExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ClusterExtension.class);

    private record Handle(KeycloakCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.stop();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeTrue(PostgresServer.available(), "PostgreSQL server binaries are not installed (apt-get install postgresql)");
        cluster(context);
    }

    private static KeycloakCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Handle.class, k -> {
            KeycloakCluster c = new KeycloakCluster();
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop));
            return new Handle(c);
        }, Handle.class).cluster();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == KeycloakCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return cluster(e);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        KeycloakCluster c = cluster(context);
        for (int n = 1; n <= 2; n++) {
            System.out.println("[it] node " + n + " log tail:\n" + c.server(n).tail(40));
        }
    }
}
