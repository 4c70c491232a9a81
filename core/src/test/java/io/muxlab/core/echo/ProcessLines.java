package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.fail;

import io.muxlab.core.cli.ResultLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process whose standard output and error go to temporary files, read back line by line.
 * (Files rather than pipes: a pipe read by a thread races with the JDK draining and closing it
 * when the process exits, and the last lines, the summary among them, can be lost.)
 * {@link #close()} kills the process if it still runs and deletes the files.
 */
public final class ProcessLines implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private ProcessLines(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    public static ProcessLines start(List<String> command) throws IOException {
        Path out = Files.createTempFile("muxlab-child-", ".out");
        Path err = Files.createTempFile("muxlab-child-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ProcessLines(p, out, err);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            throw e;
        }
    }

    public Process process() {
        return process;
    }

    /** The first stdout line starting with {@code prefix}, waiting up to {@code timeoutMillis} for it. */
    public String awaitLine(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            for (String line : stdout()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                return fail("the child printed no '" + prefix + "...' line in " + timeoutMillis + " ms; stdout:\n"
                        + String.join("\n", stdout()) + "\nstderr:\n" + stderr());
            }
            Thread.sleep(10);
        }
    }

    /** The first {@code prefix} {@link ResultLine} on stdout, parsed, waiting up to {@code timeoutMillis} for it. */
    public ResultLine awaitResult(String prefix, long timeoutMillis) throws InterruptedException {
        return ResultLine.parse(prefix, awaitLine(prefix + " ", timeoutMillis));
    }

    /** Waits up to {@code timeoutMillis} for a stderr line containing {@code text}. */
    public void awaitError(String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (errorLines(text) == 0) {
            if (System.nanoTime() > deadline) {
                fail("the child wrote no stderr line containing '" + text + "' in " + timeoutMillis + " ms; stderr:\n" + stderr());
            }
            Thread.sleep(10);
        }
    }

    /** Complete standard output lines so far. */
    public List<String> stdout() {
        return completeLines(out);
    }

    /** How many complete stderr lines contain {@code text}. */
    public long errorLines(String text) {
        return completeLines(err).stream().filter(l -> l.contains(text)).count();
    }

    /** Standard error so far. */
    public String stderr() {
        return String.join("\n", completeLines(err));
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }

    /** Lines ended by a newline: a line still being written is left for the next look. */
    private static List<String> completeLines(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? new ArrayList<>() : new ArrayList<>(List.of(text.substring(0, end).split("\n", -1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
