package io.muxlab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.echo.ProcessLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contracts DESIGN.md sets for every echo server's main, checked on a real child process: the
 * first line is {@code listening on HOST:PORT}; {@code --trace} prints one line per kernel event;
 * SIGTERM stops it with a summary line and exit status 0; {@code --help} exits 0; a bad option
 * exits 2 naming the problem. A module subclasses it with its main class.
 */
public abstract class EchoMainContract {
    /** The module's main class. */
    protected abstract Class<?> mainClass();

    /** The server name its summary reports. */
    protected abstract String serverName();

    /** Options of the module's own to add to every run (e.g. {@code --edge-triggered}). */
    protected List<String> extraArguments() {
        return List.of();
    }

    /**
     * The trace lines (whole-line patterns) that one connection on descriptor {@code fd}, sending
     * "hello\n" and closing, must produce. By default the readiness loop's; a completion loop
     * traces completions instead.
     */
    protected List<Pattern> expectedTrace(String fd) {
        return Stream.of("accept fd=" + fd, "readable fd=" + fd, "read fd=" + fd + " n=6", "wrote fd=" + fd + " n=6",
                "read fd=" + fd + " n=0 (end of stream)").map(line -> Pattern.compile(Pattern.quote(line))).toList();
    }

    @Test
    void listensTracesEveryKernelEventAndSummarisesOnSigterm() throws Exception {
        try (ProcessLines out = start("--port", "0", "--trace")) {
            Process child = out.process();
            String first = out.awaitLine("listening on ", 60_000);
            assertEquals(first, out.stdout().get(0), "the first line");
            Matcher address = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(first);
            assertTrue(address.matches(), first);

            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(address.group(1)))) {
                OutputStream o = s.getOutputStream();
                o.write("hello\n".getBytes(StandardCharsets.US_ASCII));
                o.flush();
                InputStream in = s.getInputStream();
                assertEquals("hello\n", new String(in.readNBytes(6), StandardCharsets.US_ASCII));
            }
            String close = out.awaitLine("close fd=", 30_000);
            Matcher fd = Pattern.compile("close fd=(\\d+) \\(peer closed\\)").matcher(close);
            assertTrue(fd.matches(), close);
            String n = fd.group(1);
            for (Pattern expected : expectedTrace(n)) {
                assertTrue(out.stdout().stream().anyMatch(line -> expected.matcher(line).matches()),
                        "no trace line '" + expected + "' in " + out.stdout());
            }

            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM");
            assertEquals(0, child.exitValue(), "exit status after SIGTERM; stderr: " + out.stderr());
            ResultLine summary = out.awaitResult(EchoSummary.PREFIX, 10_000);
            String line = summary.format();
            assertEquals(List.of("server", "connections", "refused", "closed", "bytes_read", "bytes_written", "messages_read",
                    "messages_written", "syscalls"), List.copyOf(summary.fields().keySet()), "the documented keys, in order: " + line);
            assertEquals(serverName(), summary.text("server"), line);
            assertEquals(1, summary.count("connections"), line);
            assertEquals(6, summary.count("bytes_read"), line);
            assertEquals(6, summary.count("bytes_written"), line);
        }
    }

    @Test
    void helpExitsZeroAndABadOptionExitsTwoNamingIt() throws Exception {
        try (ProcessLines help = start("--help")) {
            assertTrue(help.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, help.process().exitValue());
            help.awaitLine("The first line on standard output", 10_000);
            assertTrue(String.join("\n", help.stdout()).contains("--buffer-limit"), "help: " + help.stdout());
        }
        try (ProcessLines bad = start("--port", "seventy")) {
            assertTrue(bad.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, bad.process().exitValue());
            bad.awaitError("--port", 10_000);
        }
    }

    private ProcessLines start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass().getName()));
        command.addAll(List.of(args));
        command.addAll(extraArguments());
        return ProcessLines.start(command);
    }
}
