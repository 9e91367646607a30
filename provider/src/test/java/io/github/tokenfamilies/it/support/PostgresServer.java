package io.github.tokenfamilies.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private PostgreSQL from Debian's packages (.ci/run installs {@code postgresql} when missing): its own data
 * directory under {@code target/}, a free loopback port, trust authentication for user {@code keycloak}. Runs as
 * the {@code postgres} system user when the tests run as root (initdb refuses root).
 */
public final class PostgresServer {

    private final Path dir;
    private final int port = KeycloakServer.freePort();
    private final Path bin;

    PostgresServer(Path dir) {
        this.dir = dir;
        this.bin = findBin();
    }

    /** Whether PostgreSQL's server binaries are installed. */
    public static boolean available() {
        return findBin() != null;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/keycloak";
    }

    void start() {
        try {
            KeycloakServer.deleteTree(dir);
            Files.createDirectories(dir);
            run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "keycloak", "--auth=trust", "-E", "UTF8");
            startServer();
            run(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "keycloak", "keycloak");
            System.out.println("[it] PostgreSQL ready on 127.0.0.1:" + port + " (" + bin + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        try {
            stopServer();
        } catch (RuntimeException e) {
            System.out.println("[it] PostgreSQL stop: " + e.getMessage());
        }
    }

    /** Stops the server ({@code pg_ctl stop -m fast}: open connections are cut); the data stays for {@link #startServer()}. */
    public void stopServer() {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    /** Starts the server on its data directory and port, and waits until it accepts connections. */
    public void startServer() {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200", "-w", "-t", "60", "start");
    }

    /** Runs one SQL statement with psql (unaligned, tuples only) and returns its output: diagnostics of failed tests. */
    public String query(String sql) {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(bin.resolve("psql").toString(), "-At", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-U", "keycloak", "-d", "keycloak", "-c", sql));
        return Commands.output(full, 1);
    }

    private void run(String... cmd) {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            chownToPostgres();
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(cmd));
        Commands.run(full, 2);
    }

    private void chownToPostgres() {
        Commands.run(List.of("chown", "-R", "postgres", dir.toString()), 1);
    }

    private static Path findBin() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Path::compareTo).orElse(null);
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
