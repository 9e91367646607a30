package io.github.tokenfamilies.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The browser scripts of e2e/ (Debian's headless chromium driven by playwright-core): runs one, fails the test unless
 * it exits 0 and prints OK, and returns what it printed. Skips the test where chromium or the e2e node modules are
 * missing (.ci/run installs them).
 */
public final class E2e {

    private E2e() {
    }

    /** The test's work directory, for screenshots. */
    public static Path workDir() {
        return Path.of(System.getProperty("it.work.dir"));
    }

    /** Runs {@code node <script> <args…>} in e2e/ within {@code seconds}; returns its output. */
    public static String run(int seconds, String script, String... args) throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assumeTrue(Files.isExecutable(Path.of(chromium)), "no chromium at " + chromium);
        return node(seconds, "playwright-core", script, args);
    }

    /**
     * Runs {@code node <script> <args…>} in e2e/ within {@code seconds}, no browser involved; skips the test where the
     * node module {@code module} is not installed (.ci/run installs them). Fails unless it exits 0 and prints OK.
     */
    public static String node(int seconds, String module, String script, String... args) throws Exception {
        Path e2e = Path.of(System.getProperty("it.realm.file")).getParent().resolve("e2e");
        assumeTrue(Files.isDirectory(e2e.resolve("node_modules/" + module)), "run npm ci in e2e/");
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).directory(e2e.toFile()).redirectErrorStream(true).start();
        boolean done = node.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            node.destroyForcibly();
        }
        String out = new String(node.getInputStream().readAllBytes());
        System.out.println("[it] " + script + ":\n" + out);
        assertTrue(done && node.exitValue() == 0 && out.contains("OK"), script + " failed:\n" + out);
        return out;
    }

    /** The text after {@code label} on its line of a script's output (e.g. "ALERT:"), or "" when absent. */
    public static String line(String out, String label) {
        for (String l : out.split("\n")) {
            if (l.startsWith(label)) {
                return l.substring(label.length()).trim();
            }
        }
        return "";
    }
}
