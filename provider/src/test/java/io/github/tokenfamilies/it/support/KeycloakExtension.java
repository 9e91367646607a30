package io.github.tokenfamilies.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts the one shared Keycloak on first use in the test JVM and stops it when the whole run ends (also when
 * tests fail). Injects a {@link Kc} helper; prints the server log's tail when a test fails.
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KeycloakExtension.class);

    /** Keeps the server in the root store: closed once, after the last test class of the run. */
    private record Handle(KeycloakServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.stop();
        }
    }

    private static volatile Kc kc;

    @Override
    public void beforeAll(ExtensionContext context) {
        kc(context);
    }

    static synchronized Kc kc(ExtensionContext context) {
        if (kc == null) {
            Handle h = context.getRoot().getStore(NS).getOrComputeIfAbsent(Handle.class, k -> {
                KeycloakServer server = KeycloakServer.dev();
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
                server.startFresh();
                return new Handle(server);
            }, Handle.class);
            kc = new Kc(h.server());
        }
        return kc;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Kc.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return kc(e);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (kc != null) {
            System.out.println("[it] " + context.getDisplayName() + " failed; last lines of " + kc.server().logFile()
                    + ":\n" + kc.server().tail(80));
        }
    }
}
