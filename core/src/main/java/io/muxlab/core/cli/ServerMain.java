package io.muxlab.core.cli;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.Pitfall;
import io.muxlab.core.sys.SyscallException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import sun.misc.Signal;

/**
 * The main of every echo server, ours and the peers: the shared options, the machine-readable
 * first line {@code listening on HOST:PORT}, and a clean stop on SIGTERM or Ctrl-C that prints a
 * one-line summary of the counters and exits 0.
 *
 * <p>A module's main is one call: {@code System.exit(ServerMain.run(spec, args))}.
 */
public final class ServerMain {

    /** Makes the server once the command line is parsed; may read the module's own options. */
    @FunctionalInterface
    public interface Factory {
        EchoServer create(CommandLine cmd) throws UsageException;
    }

    /**
     * What differs between servers' mains.
     *
     * @param program the module name, e.g. {@code epoll-echo}
     * @param description one paragraph for --help: what this server shows
     * @param defaultPort port when --port is not given
     * @param extraOptions the module's own options (may be empty)
     * @param factory makes the server
     */
    public record Spec(String program, String description, int defaultPort, Options extraOptions, Factory factory) {
    }

    static final long MIN_IDLE_TIMEOUT_NANOS = 1_000_000L;
    static final long MAX_IDLE_TIMEOUT_NANOS = 86_400_000_000_000L;
    /** How long the summary may wait for standard output: a reader that stalled must not keep a stopped server alive. */
    static final long SUMMARY_WRITE_MILLIS = 2_000;

    private ServerMain() {
    }

    /** The options every echo server takes. */
    public static Options standardOptions(int defaultPort) {
        Options options = new Options();
        options.addOption(Option.builder().longOpt("host").hasArg().argName("HOST")
                .desc("address to listen on (default " + EchoConfig.DEFAULT_HOST + ")").build());
        options.addOption(Option.builder().longOpt("port").hasArg().argName("PORT")
                .desc("port to listen on; 0 picks any free port (default " + defaultPort + ")").build());
        options.addOption(Option.builder().longOpt("trace").hasArg().optionalArg(true).argName("LEVEL")
                .desc("--trace or --trace=events: one line per kernel event (accept, readable, read n, writable, wrote n, "
                        + "close); --trace=syscalls: every syscall the loop makes, with arguments, result (EAGAIN shown) "
                        + "and reported masks in C names, stamped in µs since start").build());
        options.addOption(Option.builder().longOpt("max-connections").hasArg().argName("N")
                .desc("connections served at once; one more is accepted and closed at once (default "
                        + EchoConfig.DEFAULT_MAX_CONNECTIONS + ")").build());
        options.addOption(Option.builder().longOpt("buffer-limit").hasArg().argName("BYTES")
                .desc("bytes held for one connection before the server stops reading from it, e.g. 64k, 1m (default 1m)")
                .build());
        options.addOption(Option.builder().longOpt("pitfall").hasArg().argName("NAME")
                .desc("switch on one classic event-loop mistake, to run and measure it (docs/pitfalls.md): "
                        + Pitfall.names() + " (single-read and ignore-rdhup need edge-triggered epoll)").build());
        options.addOption(Option.builder().longOpt("idle-timeout").hasArg().argName("TIME")
                .desc("close a connection that moved no byte for this long, e.g. 30s, 500ms, so idle or slowloris peers "
                        + "cannot hold --max-connections for good (default off)").build());
        return options;
    }

    /** Parses the shared options into a config. */
    public static EchoConfig config(CommandLine cmd, int defaultPort) throws UsageException {
        String host = cmd.getOptionValue("host", EchoConfig.DEFAULT_HOST);
        if (host.isBlank()) {
            throw new UsageException("--host needs an address, e.g. 127.0.0.1 or 0.0.0.0, not '" + host + "'");
        }
        int port = Cli.intOption(cmd, "port", defaultPort, 0, 65535);
        int maxConnections = Cli.intOption(cmd, "max-connections", EchoConfig.DEFAULT_MAX_CONNECTIONS, 1, Integer.MAX_VALUE);
        int bufferLimit = (int) Cli.bytesOption(cmd, "buffer-limit", EchoConfig.DEFAULT_BUFFER_LIMIT, 1, Integer.MAX_VALUE);
        long idleTimeout = Cli.durationOption(cmd, "idle-timeout", 0, MIN_IDLE_TIMEOUT_NANOS, MAX_IDLE_TIMEOUT_NANOS);
        String trace = cmd.hasOption("trace") ? cmd.getOptionValue("trace", "events") : "off";
        if (!List.of("off", "events", "syscalls").contains(trace)) {
            throw new UsageException("--trace takes events or syscalls, not '" + trace + "'");
        }
        Pitfall pitfall;
        try {
            pitfall = Pitfall.named(cmd.getOptionValue("pitfall", Pitfall.NONE.cliName()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pitfall: " + e.getMessage());
        }
        return new EchoConfig(host.trim(), port, maxConnections, bufferLimit, trace.equals("events"), trace.equals("syscalls"),
                idleTimeout, pitfall);
    }

    /** Runs a server main to the end and returns its exit status. */
    public static int run(Spec spec, String[] args) {
        Options options = standardOptions(spec.defaultPort());
        spec.extraOptions().getOptions().forEach(options::addOption);
        EchoServer server;
        EchoConfig config;
        try {
            CommandLine cmd = Cli.parse(options, args);
            if (cmd.hasOption("help")) {
                Cli.printHelp(spec.program(), spec.description(), options,
                        "The first line on standard output is 'listening on HOST:PORT'. A line 'counters' on standard input "
                                + "is answered with a 'counters:' line of the counters so far. SIGTERM or Ctrl-C stops the "
                                + "server; it then prints a one-line summary of its counters and exits 0.");
                return Cli.EXIT_OK;
            }
            config = config(cmd, spec.defaultPort());
            server = spec.factory().create(cmd);
        } catch (UsageException e) {
            return Cli.usageError(spec.program(), e.getMessage());
        }

        InetSocketAddress bound;
        try {
            bound = server.bind(config);
        } catch (SyscallException | UncheckedIOException | IllegalArgumentException e) {
            System.err.println(spec.program() + ": cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        // Handlers first, then the line: whoever reads "listening on" may send SIGTERM at once, and
        // installing them (the JVM's first lambda, class loading) can take a second on a busy machine.
        Signal.handle(new Signal("TERM"), s -> server.stop());
        Signal.handle(new Signal("INT"), s -> server.stop());
        System.out.println("listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort());
        System.out.flush();
        CounterRequests.answer(server, System.in, System.out);
        if (bound.getAddress().isAnyLocalAddress()) {
            System.err.println(spec.program() + ": listening on every interface (" + config.host()
                    + "): other machines can reach this server; the default, " + EchoConfig.DEFAULT_HOST + ", keeps it local");
        }
        int status = Cli.EXIT_OK;
        try {
            server.run();
        } catch (RuntimeException e) {
            System.err.println(spec.program() + ": stopped by an error: " + e);
            status = Cli.EXIT_FAILURE;
        }
        StringBuilder lines = new StringBuilder();
        server.loops().forEach(l -> lines.append(EchoSummary.loopLine(l)).append('\n'));
        printSummary(spec.program(), lines.append(EchoSummary.line(server.name(), server.stats())).toString());
        return status;
    }

    /**
     * Prints the summary on standard output, waiting at most {@link #SUMMARY_WRITE_MILLIS}: if the
     * reader has stalled (a pipe nobody reads), the server says so on standard error and exits
     * anyway instead of blocking in write(2) for as long as the reader sleeps.
     */
    private static void printSummary(String program, String line) {
        Thread writer = new Thread(() -> {
            System.out.println(line);
            System.out.flush();
        }, "summary-writer");
        writer.setDaemon(true);
        writer.start();
        try {
            writer.join(SUMMARY_WRITE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            System.err.println(program + ": standard output is blocked (is anyone reading it?); the summary was not written: "
                    + line);
        }
    }
}
