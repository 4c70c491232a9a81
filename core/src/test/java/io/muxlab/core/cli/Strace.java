package io.muxlab.core.cli;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Whether {@code strace} can be used here: installed, and allowed to trace (a container without
 * CAP_SYS_PTRACE, or a strict Yama ptrace_scope, forbids it). Asked once.
 */
final class Strace {
    private static final String WHY_NOT = probe();

    private Strace() {
    }

    static boolean usable() {
        return WHY_NOT == null;
    }

    /** Why it cannot be used, for the skipped test's report; null when it can. */
    static String whyNot() {
        return WHY_NOT;
    }

    private static String probe() {
        try {
            Process p = new ProcessBuilder("strace", "-f", "-qq", "-o", "/dev/null", "true").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "strace -f true did not finish within 30 s";
            }
            return p.exitValue() == 0 ? null : "strace cannot trace here (exit " + p.exitValue() + "): " + output.strip();
        } catch (IOException e) {
            return "strace is not installed (apt-get install strace runs this cross-check): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing strace";
        }
    }
}
