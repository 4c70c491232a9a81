package io.muxlab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoStats;
import io.muxlab.core.echo.Pitfall;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parts of a server main that run before any server exists: help, and refusing bad input. */
class ServerMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    private static final ServerMain.Spec SPEC = new ServerMain.Spec("test-echo", "A server for tests.", 7000,
            new Options(), cmd -> {
                throw new AssertionError("no server is made in these tests");
            });

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void helpListsTheSharedOptionsAndExitsZero() {
        assertEquals(0, ServerMain.run(SPEC, new String[] {"--help"}));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[] {"--host", "--port", "--trace", "--max-connections", "--buffer-limit"}) {
            assertTrue(help.contains(option), option + " in:\n" + help);
        }
        assertTrue(help.contains("listening on HOST:PORT"));
    }

    @Test
    void badPortIsAUsageError() {
        assertEquals(2, ServerMain.run(SPEC, new String[] {"--port", "http"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("test-echo: --port takes a whole number"));
        assertEquals(2, ServerMain.run(SPEC, new String[] {"--port", "70000"}));
    }

    @Test
    void unknownOptionAndStrayArgumentAreUsageErrors() {
        assertEquals(2, ServerMain.run(SPEC, new String[] {"--frobnicate"}));
        assertEquals(2, ServerMain.run(SPEC, new String[] {"extra"}));
        assertFalse(err.toString(StandardCharsets.UTF_8).isEmpty());
    }

    @Test
    void sharedOptionsBecomeTheConfig() throws Exception {
        Options options = ServerMain.standardOptions(7000);
        EchoConfig config = ServerMain.config(Cli.parse(options, new String[] {
            "--host", "localhost", "--port", "0", "--trace", "--max-connections", "5", "--buffer-limit", "64k"}), 7000);
        assertEquals(new EchoConfig("localhost", 0, 5, 65536, true, false, 0, Pitfall.NONE), config);
        assertEquals(7000, ServerMain.config(Cli.parse(ServerMain.standardOptions(7000), new String[0]), 7000).port());
    }

    @Test
    void traceTakesALevel() throws Exception {
        EchoConfig events = ServerMain.config(Cli.parse(ServerMain.standardOptions(7000), new String[] {"--trace"}), 7000);
        assertTrue(events.trace() && !events.traceSyscalls());
        EchoConfig syscalls = ServerMain.config(Cli.parse(ServerMain.standardOptions(7000), new String[] {"--trace=syscalls"}), 7000);
        assertTrue(!syscalls.trace() && syscalls.traceSyscalls());
        assertEquals(2, ServerMain.run(SPEC, new String[] {"--trace=kernel"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("test-echo: --trace takes events or syscalls, not 'kernel'"));
    }

    @Test
    void pitfallTakesAName() throws Exception {
        assertEquals(Pitfall.BUSY_POLL, ServerMain.config(Cli.parse(ServerMain.standardOptions(7000),
                new String[] {"--pitfall", "busy-poll"}), 7000).pitfall());
        assertEquals(2, ServerMain.run(SPEC, new String[] {"--pitfall", "sleepy"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("test-echo: --pitfall: no pitfall 'sleepy'; known: busy-poll,"),
                err.toString());
    }

    @Test
    void anEmptyOrBlankHostIsOneLineAndExitTwo() {
        for (String host : new String[] {"", " "}) {
            err.reset();
            assertEquals(2, ServerMain.run(SPEC, new String[] {"--host", host}), "--host '" + host + "'");
            String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals("test-echo: --host needs an address, e.g. 127.0.0.1 or 0.0.0.0, not '" + host + "'", lines[0]);
            assertEquals(2, lines.length, "the complaint and the pointer to --help, no stack trace: " + err);
        }
    }

    @Test
    void idleTimeoutIsOffByDefaultAndTakesADuration() throws Exception {
        assertEquals(0, ServerMain.config(Cli.parse(ServerMain.standardOptions(7000), new String[0]), 7000).idleTimeoutNanos());
        assertEquals(30_000_000_000L, ServerMain.config(Cli.parse(ServerMain.standardOptions(7000),
                new String[] {"--idle-timeout", "30s"}), 7000).idleTimeoutNanos());
        assertEquals(500_000_000L, ServerMain.config(Cli.parse(ServerMain.standardOptions(7000),
                new String[] {"--idle-timeout", "500ms"}), 7000).idleTimeoutNanos());
        assertEquals(2, ServerMain.run(SPEC, new String[] {"--idle-timeout", "soon"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("test-echo: --idle-timeout takes a duration"), err.toString());
        assertEquals(2, ServerMain.run(SPEC, new String[] {"--idle-timeout", "0"}));
    }

    /** A server that binds to what it is told and stops at once: enough to see what main says around it. */
    private static final class InstantServer implements EchoServer {
        @Override
        public String name() {
            return "instant";
        }

        @Override
        public InetSocketAddress bind(EchoConfig config) {
            try {
                return new InetSocketAddress(InetAddress.getByName(config.host()), 7);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public void run() {
        }

        @Override
        public void stop() {
        }

        @Override
        public EchoStats stats() {
            return new EchoStats(0, 0, 0, 0, 0, 0, 0, Map.of());
        }
    }

    @Test
    void listeningOnEveryInterfaceSaysSoOnceOnStandardError() {
        ServerMain.Spec spec = new ServerMain.Spec("test-echo", "A server for tests.", 7000, new Options(), cmd -> new InstantServer());
        assertEquals(0, ServerMain.run(spec, new String[] {"--host", "0.0.0.0"}));
        String warned = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, warned.split("other machines can reach this server", -1).length - 1, warned);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("listening on 0.0.0.0:7\n"), out.toString());
        err.reset();
        assertEquals(0, ServerMain.run(spec, new String[] {"--host", "127.0.0.1"}));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("other machines"), err.toString());
    }
}
