package io.github.tokenfamilies.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, stock Keycloak process (the official distribution unpacked by Maven under {@code target/}) with our JAR
 * in {@code providers/}, on free loopback ports; readiness is the management port's {@code /health/ready}. The
 * shared test server is {@link #dev()}: {@code kc.sh start-dev} with the repository's {@code realm-export.json}.
 */
public final class KeycloakServer {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path home;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private final List<String> args;
    private Process process;

    /** A server from {@code home} running {@code kc.sh <args>} plus its own port options, logging to {@code log}. */
    public KeycloakServer(Path home, Path log, List<String> args) {
        this.home = home;
        this.log = log;
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.args = args;
    }

    /** The shared test server: start-dev, embedded database, demo realm imported. */
    static KeycloakServer dev() {
        return new KeycloakServer(Path.of(required("it.keycloak.home")), Path.of(required("it.work.dir")).resolve("keycloak.log"),
                List.of("start-dev", "--health-enabled=true", "--metrics-enabled=true", "--import-realm", "--hostname-strict=false", "--cache=local"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path logFile() {
        return log;
    }

    /** Fresh start: clean database, our JAR installed, demo realm imported. */
    void startFresh() {
        install(home);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    /** Prepares a distribution: no old data, our JAR in providers/, the demo realm ready for import. */
    public static void install(Path home) {
        try {
            deleteTree(home.resolve("data"));
            Path providers = Files.createDirectories(home.resolve("providers"));
            try (Stream<Path> old = Files.list(providers)) {
                old.filter(p -> p.getFileName().toString().startsWith("keycloak-token-families")).forEach(KeycloakServer::delete);
            }
            Path jar = Path.of(required("it.provider.jar"));
            Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(Path.of(required("it.realm.file")), imports.resolve("realm-export.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops and starts again on the same database and ports (restart scenarios). */
    public void restart() {
        stop();
        start();
    }

    /** Starts the process and waits until it is ready. */
    public void start() {
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString()));
        cmd.addAll(args);
        cmd.addAll(List.of("--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        String javaHome = System.getenv("JAVA_HOME");
        System.out.printf("[it] starting Keycloak %s from %s on %s (JAVA_HOME=%s), log %s%n",
                System.getProperty("keycloak.version"), home, baseUrl(), javaHome == null ? "<java on PATH>" : javaHome, log);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        long started = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " during start:\n" + tail(60));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    System.out.printf("[it] Keycloak ready after %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS); // paces the probe; returns early if Keycloak dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("Keycloak not ready within " + START_TIMEOUT + ":\n" + tail(60));
    }

    /** Stops Keycloak by its own process (and its children): graceful first, forced after 30 s. */
    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        process = null;
        System.out.println("[it] Keycloak stopped");
    }

    /**
     * Kills Keycloak like a crash: SIGKILL ({@link Process#destroyForcibly()}) to the JVM and the {@code kc.sh} that
     * started it, no shutdown hooks, no goodbye to the cluster. {@link #start()} brings it back on the same ports.
     */
    public void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Keycloak process " + h.pid() + " survived SIGKILL", e);
            }
        }
        process = null;
        System.out.println("[it] Keycloak killed (SIGKILL)");
    }

    /** Last lines of the server log. */
    public String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the ITs through Maven (./mvnw verify)");
        }
        return v;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(KeycloakServer::delete);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
