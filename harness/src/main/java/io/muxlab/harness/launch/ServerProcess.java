package io.muxlab.harness.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contender running as its own child process. Every contender is started the same way: through
 * {@code sh -c 'ulimit -n HARD; exec ...'} so its soft RLIMIT_NOFILE is raised to the hard limit
 * (the idle-descriptor scenario needs thousands of sockets; a JVM raises its own too) and the shell
 * is replaced by the server, whose pid is then the one whose CPU is read.
 *
 * <p>Standard output goes to a file, not a pipe, and is read from there: the first line
 * ({@code listening on HOST:PORT}) while the server starts, the summary after it exits. (With a
 * pipe, the JDK drains and closes a child's output when the child exits, racing a reader thread
 * for the last line: the summary.) Standard error goes to a log file beside it.
 *
 * <p>{@link #stop} sends SIGTERM and waits for the summary; {@link #close} makes sure the process
 * is gone on every path (SIGKILL after a bounded wait).
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^listening on ([^\\s:]+):(\\d+)$");
    private static final long START_SECONDS = 20;
    private static final long STOP_SECONDS = 10;
    /**
     * More grace per connection the server held: a thread-per-connection server must wake and end
     * one thread per connection, and with 15 000 of them on two cores that alone took 5 s on a quiet
     * machine and over 10 s during the harness's run (the load client's threads closing their ends).
     */
    private static final long STOP_MILLIS_PER_CONNECTION = 2;

    private final Process process;
    private final InetSocketAddress address;
    private final Path out;
    private final Path log;
    /** Follows muxlab's server contract (first line, summary, exit 0 on SIGTERM). */
    private final boolean announcesPort;

    private ServerProcess(Process process, InetSocketAddress address, Path out, Path log, boolean announcesPort) {
        this.process = process;
        this.address = address;
        this.out = out;
        this.log = log;
        this.announcesPort = announcesPort;
    }

    /**
     * Starts {@code contender} and waits (bounded) until it serves; standard error goes to
     * {@code log}, standard output to the same name ending in {@code .out}.
     */
    public static ServerProcess start(Contender contender, Path log) throws IOException {
        int port = contender.announcesPort() ? 0 : freePort();
        List<String> cmd;
        if (contender.kind() == Contender.Kind.EXTERNAL) {
            cmd = List.of("/bin/sh", "-c", "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec "
                    + String.join(" ", contender.commandFor(port)));
        } else {
            cmd = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$@\"", "sh"));
            cmd.addAll(contender.commandFor(port));
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        Path out = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "") + ".out");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        try {
            InetSocketAddress address = contender.announcesPort() ? awaitListening(contender, p, out, log)
                    : awaitPort(contender, p, port, log);
            return new ServerProcess(p, address, out, log, contender.announcesPort());
        } catch (IOException | RuntimeException e) {
            kill(p);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the server has used so far, all threads. */
    public long cpuNanos() {
        try {
            return ProcStat.cpuNanos(process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of " + process.pid() + " (did it exit?)", e);
        }
    }

    /**
     * SIGTERM, then waits for the process to print its summary and exit: 10 s, plus 2 ms for each of
     * the {@code connections} it served.
     *
     * @return the parsed summary ({@link Summary#NONE} for a server that prints none)
     * @throws IOException if it does not exit in time, or breaks the stop contract
     */
    public Summary stop(int connections) throws IOException {
        process.destroy();
        long graceMillis = STOP_SECONDS * 1000 + STOP_MILLIS_PER_CONNECTION * Math.max(0, connections);
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException("the server did not stop within " + graceMillis / 1000.0 + " s of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new IOException("interrupted while stopping the server", e);
        }
        String summary = null;
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith("summary:")) {
                summary = line;
            }
        }
        int status = process.exitValue();
        if (announcesPort) {
            // Our contract: SIGTERM -> summary -> exit 0. Anything else hides a broken stop.
            if (status != 0 || summary == null) {
                throw new IOException("the server exited with status " + status
                        + (summary == null ? " without a summary line" : "") + " after SIGTERM; see " + out + " and " + log);
            }
        } else if (status != 0 && status != 143) {
            // 143: killed by SIGTERM's default action, which is how most external servers stop.
            throw new IOException("the server exited with status " + status + "; see " + log);
        }
        return Summary.parse(summary);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill(process);
        }
    }

    private static InetSocketAddress awaitListening(Contender c, Process p, Path out, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            int eol = text.indexOf('\n');
            if (eol >= 0) {
                String first = text.substring(0, eol).trim();
                Matcher m = LISTENING.matcher(first);
                if (!m.matches()) {
                    throw new IOException(c.name() + " printed '" + first + "' first, not 'listening on HOST:PORT'; see " + log);
                }
                return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
            }
            if (!p.isAlive()) {
                throw new IOException(c.name() + " exited with status " + p.exitValue() + " before 'listening on'; see " + log);
            }
            sleepMillis(10);
        }
        throw new IOException(c.name() + " did not print 'listening on HOST:PORT' within " + START_SECONDS + " s; see " + log);
    }
    private static InetSocketAddress awaitPort(Contender c, Process p, int port, Path log) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(c.name() + " exited with status " + p.exitValue() + " before listening on "
                        + port + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(address, 200);
                return address;
            } catch (IOException notYet) {
                sleepMillis(50);
            }
        }
        throw new IOException(c.name() + " did not listen on port " + port + " within " + START_SECONDS + " s; see " + log);
    }

    private static void kill(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
