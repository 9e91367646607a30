package io.github.tokenfamilies.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a helper command of the test harness (cp, kc.sh build, initdb, …) and fails loudly with its output. */
final class Commands {

    private Commands() {
    }

    static void run(List<String> cmd, long timeoutMinutes) {
        output(cmd, timeoutMinutes);
    }

    /** Runs the command and returns its output (stdout and stderr). */
    static String output(List<String> cmd, long timeoutMinutes) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
