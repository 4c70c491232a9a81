package io.muxlab.harness.launch;

import io.muxlab.core.cli.ResultLine;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process, started the one way the harness starts every child (an echo server, a timer
 * or delay-queue workload): through {@code sh -c 'ulimit -n HARD; exec ...'}, so its soft
 * RLIMIT_NOFILE is raised to the hard limit (the idle-descriptor scenario needs thousands of
 * sockets, fd-per-timer a descriptor per timer) and the shell is replaced by the child, whose pid
 * is then the one whose CPU is read. With {@code --pin} ({@link CpuPinning}) the command line starts
 * with {@code taskset -c CPU}, which execs the shell in turn: the child's pid is still the server's.
 *
 * <p>Standard output goes to a file, not a pipe, and is read from there; standard error goes to a
 * log file beside it. (With a pipe, the JDK drains and closes a child's output when the child
 * exits, racing a reader thread for the last line: the summary or the result.) {@link #close}
 * makes sure the process is gone on every path (SIGKILL, then a bounded wait).
 */
public final class ChildProcess implements AutoCloseable {
    private static final String RAISE_FILE_LIMIT = "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; ";
    private static final long KILL_SECONDS = 10;

    private final Process process;
    private final Path out;
    private final Path log;

    private ChildProcess(Process process, Path out, Path log) {
        this.process = process;
        this.out = out;
        this.log = log;
    }

    /**
     * Starts {@code command}, a child the harness measures (on the pinned CPU under {@code --pin});
     * standard error goes to {@code log}, standard output to the same name ending in {@code .out}.
     */
    public static ChildProcess start(List<String> command, Path log) throws IOException {
        return start(command, log, CpuPinning.active());
    }

    /** The same, pinned as {@code pinning} says. */
    static ChildProcess start(List<String> command, Path log, Optional<CpuPinning> pinning) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", RAISE_FILE_LIMIT + "exec \"$@\"", "sh"));
        cmd.addAll(command);
        return launch(cmd, log, pinning);
    }

    /** Starts a shell command line (an external server) the same way; see {@link #shellLine} for where exec goes. */
    public static ChildProcess startShell(String commandLine, Path log) throws IOException {
        return launch(List.of("/bin/sh", "-c", shellLine(commandLine)), log, CpuPinning.active());
    }

    /**
     * Starts a tool the harness asks ({@code ss}), not a child it measures: it runs where the harness
     * runs, off the measured child's CPU under {@code --pin}.
     */
    static ChildProcess tool(List<String> command, Path log) throws IOException {
        return start(command, log, Optional.empty());
    }

    /** {@code program} in a directory of {@code path} (a PATH value), if one holds it executable. */
    static Optional<Path> onPath(String program, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The script for a shell command line: a simple command is exec'd, so its pid (and CPU) is the
     * server's; a command that already starts with {@code exec}, or a compound one ({@code cd dir &&
     * exec ./server}, anything with {@code ; & | ( )} or a newline), runs as written, and its author
     * puts {@code exec} before the server. (Prepending exec to those would run {@code exec exec …},
     * status 127, or {@code exec cd …}.)
     */
    static String shellLine(String commandLine) {
        String c = commandLine.strip();
        boolean asWritten = c.startsWith("exec ") || c.chars().anyMatch(ch -> ";&|()\n".indexOf(ch) >= 0);
        return RAISE_FILE_LIMIT + (asWritten ? c : "exec " + c);
    }

    private static ChildProcess launch(List<String> cmd, Path log, Optional<CpuPinning> pinning) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Path out = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "") + ".out");
        List<String> full = new ArrayList<>(pinning.map(CpuPinning::childPrefix).orElse(List.of()));
        full.addAll(cmd);
        Process p = new ProcessBuilder(full).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        return new ChildProcess(p, out, log);
    }

    /** Its process id: the child's own, since the shell exec'd it (an external command's only if it uses exec). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Where its standard output goes. */
    public Path out() {
        return out;
    }

    /** Where its standard error goes. */
    public Path log() {
        return log;
    }

    /** Standard output so far. */
    public String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** CPU time the child has used so far, all its threads (the JDK's figure, from the kernel's accounting). */
    public Duration cpu() throws IOException {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IOException("cannot read the CPU time of " + process.pid() + " (did it exit?)"));
    }

    /** SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** Waits up to {@code millis} for it to exit; true if it did. */
    public boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits (bounded) for a child that runs to its end, and returns the last {@code prefix} line
     * it printed; a child that outlives {@code timeoutMillis} is killed.
     *
     * @param program the name the child puts before its own complaint on standard error
     * @throws IOException if it had to be killed, exited with a failure, or printed no such line
     */
    public ResultLine result(String prefix, long timeoutMillis, String program) throws IOException {
        try {
            if (!waitFor(timeoutMillis)) {
                throw new IOException("did not finish within " + timeoutMillis / 1000 + " s and was killed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the child", e);
        } finally {
            close();
        }
        if (process.exitValue() != 0) {
            throw new IOException("exited with status " + process.exitValue() + ": " + errorLine(program) + " (see " + log + ")");
        }
        try {
            return ResultLine.last(prefix, Files.readAllLines(out, StandardCharsets.UTF_8))
                    .orElseThrow(() -> new IOException("the child printed no '" + prefix + "' line; see " + out));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + "; see " + out, e);
        }
    }

    /** The child's own complaint ({@code program: ...}, before any stack trace), else its first line on standard error. */
    private String errorLine(String program) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.startsWith(program + ":")) {
                return line.strip();
            }
        }
        return lines.stream().filter(l -> !l.isBlank()).findFirst().map(String::strip).orElse("nothing on standard error");
    }

    /**
     * Writes {@code request} as one line on the child's standard input and waits (bounded) for the
     * next complete {@code prefix} line on its standard output: a question to a running child, such
     * as a server's {@code counters}. Only lines ended by a newline count, so a line the child is
     * still writing is not read half-way.
     *
     * @throws IOException if the child exits, cannot be written to, or does not answer in time
     */
    public ResultLine ask(String request, String prefix, long timeoutMillis) throws IOException {
        long before = answers(prefix).size();
        OutputStream in = process.getOutputStream();
        in.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            List<String> lines = answers(prefix);
            if (lines.size() > before) {
                try {
                    return ResultLine.parse(prefix, lines.get(lines.size() - 1));
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage() + "; see " + out, e);
                }
            }
            if (!process.isAlive()) {
                throw new IOException("exited with status " + process.exitValue() + " before answering '" + request + "'");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the answer to '" + request + "'", e);
            }
        }
        throw new IOException("did not answer '" + request + "' within " + timeoutMillis + " ms; see " + out);
    }

    /** The complete lines starting with {@code prefix} on standard output so far. */
    private List<String> answers(String prefix) throws IOException {
        String text = stdout();
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().filter(l -> l.startsWith(prefix)).toList();
    }

    /** Kills the child if it still runs and waits (bounded) until it is gone. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            // Gone before its files or directories are deleted; bounded, and an interruption is kept for the caller.
            process.onExit().completeOnTimeout(process, KILL_SECONDS, TimeUnit.SECONDS).join();
        }
    }
}
