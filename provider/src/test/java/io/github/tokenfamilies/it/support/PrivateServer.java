package io.github.tokenfamilies.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Keycloak of its own for one test class (start-dev, demo realm, our JAR), in a copy of the unpacked distribution
 * under {@code it.work.dir}, for scenarios the shared server must not see (server-wide options, system properties).
 */
public final class PrivateServer {

    private PrivateServer() {
    }

    /** Starts a private start-dev server named {@code name} with extra {@code kc.sh} arguments; the caller stops it. */
    public static KeycloakServer start(String name, String... extraArgs) {
        Path work = Path.of(KeycloakServer.required("it.work.dir"));
        Path home = work.resolve(name);
        copyDistribution(Path.of(KeycloakServer.required("it.keycloak.home")), home);
        KeycloakServer.install(home);
        List<String> args = new ArrayList<>(List.of("start-dev", "--health-enabled=true", "--import-realm",
                "--hostname-strict=false", "--cache=local"));
        args.addAll(List.of(extraArgs));
        KeycloakServer server = new KeycloakServer(home, work.resolve(name + ".log"), args);
        server.start();
        return server;
    }

    /** Replaces {@code to} with a copy of the distribution at {@code from}. */
    public static void copyDistribution(Path from, Path to) {
        try {
            KeycloakServer.deleteTree(to);
            Files.createDirectories(to.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Commands.run(List.of("cp", "-a", from.toString(), to.toString()), 5);
    }
}
