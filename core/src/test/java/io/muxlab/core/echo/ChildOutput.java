package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A child process's stdout and stderr lines, collected on two threads so neither pipe fills up. */
final class ChildOutput {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    ChildOutput(Process child) {
        drain(child.getInputStream(), lines);
        drain(child.getErrorStream(), errors);
    }

    /** The first stdout line starting with {@code prefix}, waiting up to {@code timeoutMillis} for it. */
    String awaitLine(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            Thread.sleep(10);
        }
        return fail("the child printed no '" + prefix + "...' line in " + timeoutMillis + " ms; stdout:\n"
                + String.join("\n", lines) + "\nstderr:\n" + errors());
    }

    /** How many stderr lines contain {@code text}. */
    long errorLines(String text) {
        return errors.stream().filter(l -> l.contains(text)).count();
    }

    String errors() {
        return String.join("\n", errors);
    }

    private static void drain(InputStream in, List<String> into) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.add(line);
                }
            } catch (IOException e) {
                into.add("(reading the child's output failed: " + e + ")");
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
