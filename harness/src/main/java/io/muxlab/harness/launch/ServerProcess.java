package io.muxlab.harness.launch;

import io.muxlab.core.cli.EchoSummary;
import io.muxlab.core.cli.ResultLine;
import io.muxlab.core.sys.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A contender running as its own {@link ChildProcess}: the first line of its standard output
 * ({@code listening on HOST:PORT}) is read while it starts, its summary after it exits.
 * {@link #stop} sends SIGTERM and waits for the summary; {@link #close} makes sure the process is
 * gone on every path. A server may serve many load windows between start and stop (the echo
 * sections keep theirs warm): what a window costs it is read at the window's edges, its CPU
 * ({@link #cpuNanos}) and, where it answers, its syscall counts ({@link #counters}).
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^listening on ([^\\s:]+):(\\d+)$");
    private static final long START_SECONDS = 20;
    private static final long STOP_SECONDS = 10;
    /** The request core's ServerMain answers with its counters so far. */
    private static final String COUNTERS = "counters";
    private static final long COUNTERS_MILLIS = 1_000;
    /**
     * More grace per connection the server held: a thread-per-connection server must wake and end
     * one thread per connection, and with 15 000 of them on two cores that alone took 5 s on a quiet
     * machine and over 10 s during the harness's run (the load client's threads closing their ends).
     */
    private static final long STOP_MILLIS_PER_CONNECTION = 2;

    private final ChildProcess child;
    private final InetSocketAddress address;
    /** Follows muxlab's server contract (first line, summary, exit 0 on SIGTERM). */
    private final boolean announcesPort;
    /** Answers {@link #COUNTERS} on standard input ({@link Contender#answersCounters}). */
    private final boolean answersCounters;

    private ServerProcess(ChildProcess child, InetSocketAddress address, boolean announcesPort, boolean answersCounters) {
        this.child = child;
        this.address = address;
        this.announcesPort = announcesPort;
        this.answersCounters = answersCounters;
    }

    /**
     * Starts {@code contender} and waits (bounded) until it serves; standard error goes to
     * {@code log}, standard output to the same name ending in {@code .out}.
     */
    public static ServerProcess start(Contender contender, Path log) throws IOException {
        int port = contender.announcesPort() ? 0 : freePort();
        ChildProcess child = contender.kind() == Contender.Kind.EXTERNAL
                ? ChildProcess.startShell(String.join(" ", contender.commandFor(port)), log)
                : ChildProcess.start(contender.commandFor(port), log);
        try {
            InetSocketAddress address = contender.announcesPort() ? awaitListening(contender, child)
                    : awaitPort(contender, child, port);
            return new ServerProcess(child, address, contender.announcesPort(), contender.answersCounters());
        } catch (IOException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** The server's pid, for what /proc says of it (its resident memory in the pitfalls scenario). */
    public long pid() {
        return child.pid();
    }

    /** False once the process has exited (a server that died between two windows). */
    public boolean isAlive() {
        return child.isAlive();
    }

    /** Its exit status; only once it has exited. */
    public int exitValue() {
        return child.exitValue();
    }

    /** What the server has printed on standard output so far (after stop: all of it, per-loop lines included). */
    public List<String> outputLines() throws IOException {
        return Files.readAllLines(child.out(), StandardCharsets.UTF_8);
    }

    public InetSocketAddress address() {
        return address;
    }

    /**
     * Its memory now: resident set, and with {@code sockets} the kernel's buffers for its
     * connections ({@code ss}, which writes its error, if any, to {@code log}).
     */
    public MemorySample memory(boolean sockets, Path log) {
        return MemorySample.take(child.pid(), address.getPort(), sockets, log);
    }

    /**
     * Its counters now, asked for on its standard input (core's {@code CounterRequests}); empty for
     * a server that cannot answer, and for one whose answer does not come within a second: then the
     * window's syscalls are not counted (its summary covers every window it served, not one).
     */
    public Optional<Summary> counters() {
        if (!answersCounters) {
            return Optional.empty();
        }
        try {
            return Optional.of(Summary.of(child.ask(COUNTERS, EchoSummary.COUNTERS_PREFIX, COUNTERS_MILLIS)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** How many descriptors it holds now (the entries of {@code /proc/PID/fd}); -1 if they cannot be read. */
    public int descriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(child.pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /**
     * CPU time the server has used so far, all threads, to the nanosecond (core's {@code Proc.cpuNanos}):
     * the JDK's figure comes in 10 ms ticks, a tenth of a half-second window at half a core.
     */
    public long cpuNanos() {
        return Proc.cpuNanos(child.pid());
    }

    /**
     * SIGTERM, then waits for the process to print its summary and exit: 10 s, plus 2 ms for each of
     * the {@code connections} it served.
     *
     * @return the parsed summary ({@link Summary#NONE} for a server that prints none)
     * @throws IOException if it does not exit in time, or breaks the stop contract
     */
    public Summary stop(int connections) throws IOException {
        child.terminate();
        long graceMillis = STOP_SECONDS * 1000 + STOP_MILLIS_PER_CONNECTION * Math.max(0, connections);
        try {
            if (!child.waitFor(graceMillis)) {
                child.close();
                throw new IOException("the server did not stop within " + graceMillis / 1000.0 + " s of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.close();
            throw new IOException("interrupted while stopping the server", e);
        }
        ResultLine summary;
        try {
            summary = ResultLine.last(EchoSummary.PREFIX, Files.readAllLines(child.out(), StandardCharsets.UTF_8)).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + "; see " + child.out(), e);
        }
        int status = child.exitValue();
        if (announcesPort) {
            // Our contract: SIGTERM -> summary -> exit 0. Anything else hides a broken stop.
            if (status != 0 || summary == null) {
                throw new IOException("the server exited with status " + status
                        + (summary == null ? " without a summary line" : "") + " after SIGTERM; see " + child.out()
                        + " and " + child.log());
            }
        } else if (status != 0 && status != 143) {
            // 143: killed by SIGTERM's default action, which is how most external servers stop.
            throw new IOException("the server exited with status " + status + "; see " + child.log());
        }
        return Summary.of(summary);
    }

    @Override
    public void close() {
        child.close();
    }

    private static InetSocketAddress awaitListening(Contender c, ChildProcess p) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            String text = p.stdout();
            int eol = text.indexOf('\n');
            if (eol >= 0) {
                String first = text.substring(0, eol).trim();
                Matcher m = LISTENING.matcher(first);
                if (!m.matches()) {
                    throw new IOException(c.name() + " printed '" + first + "' first, not 'listening on HOST:PORT'; see " + p.log());
                }
                return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
            }
            if (!p.isAlive()) {
                throw new IOException(c.name() + " exited with status " + p.exitValue() + " before 'listening on'; see " + p.log());
            }
            sleepMillis(10);
        }
        throw new IOException(c.name() + " did not print 'listening on HOST:PORT' within " + START_SECONDS + " s; see " + p.log());
    }

    private static InetSocketAddress awaitPort(Contender c, ChildProcess p, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(c.name() + " exited with status " + p.exitValue() + " before listening on "
                        + port + "; see " + p.log());
            }
            try (Socket s = new Socket()) {
                s.connect(address, 200);
                return address;
            } catch (IOException notYet) {
                sleepMillis(50);
            }
        }
        throw new IOException(c.name() + " did not listen on port " + port + " within " + START_SECONDS + " s; see " + p.log());
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
