package io.muxlab.core.cli;

import io.muxlab.core.echo.EchoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code counters} on a running server's standard input with one {@code counters:} line on
 * its standard output ({@link EchoSummary#countersLine}), so the harness can take the counts at the
 * edges of its measured window instead of over the server's whole life, where connection set-up
 * (accept4, setsockopt, close) would be charged to the echoes. One daemon thread reads the input;
 * the counters it prints are the loop's, which the loop thread writes and anyone may read. Any
 * other line is ignored, and the end of input ends the thread (a server started with no input).
 */
final class CounterRequests {
    static final String REQUEST = "counters";

    private CounterRequests() {
    }

    /** Starts the reader; returns its thread, which ends when the input does. */
    static Thread answer(EchoServer server, InputStream in, PrintStream out) {
        Thread t = new Thread(() -> serve(server, in, out), "counter-requests");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void serve(EchoServer server, InputStream in, PrintStream out) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.strip().equals(REQUEST)) {
                    // One println is one write under the stream's lock: never interleaved with the summary.
                    out.println(EchoSummary.countersLine(server.name(), server.stats()));
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // Standard input went away: nobody is left to ask.
        }
    }
}
