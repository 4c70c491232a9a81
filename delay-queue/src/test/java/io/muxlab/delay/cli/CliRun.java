package io.muxlab.delay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in this JVM with its standard streams captured. */
final class CliRun {
    record Result(int status, String out, String err) {
    }

    private CliRun() {
    }

    static Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    /** Synchronized: the standard streams are global, and JUnit may run test classes side by side. */
    static synchronized Result runWithInput(byte[] stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            int status = DelayQueueMain.run(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    /** Exit 2 and a first line on standard error that starts with the program's name and says {@code expected}. */
    static void assertUsageError(Result r, String expected) {
        assertError(r, 2, expected);
    }

    static void assertError(Result r, int status, String expected) {
        assertEquals(status, r.status(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("delay-queue: ") && first.contains(expected), first);
    }
}
