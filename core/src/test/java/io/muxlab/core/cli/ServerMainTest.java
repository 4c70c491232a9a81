package io.muxlab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.echo.EchoConfig;
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
        assertEquals(new EchoConfig("localhost", 0, 5, 65536, true), config);
        assertEquals(7000, ServerMain.config(Cli.parse(ServerMain.standardOptions(7000), new String[0]), 7000).port());
    }
}
