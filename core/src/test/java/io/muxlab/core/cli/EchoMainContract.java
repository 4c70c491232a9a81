package io.muxlab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muxlab.core.echo.ProcessLines;
import io.muxlab.core.trace.TraceSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            assertEquals(List.of("server", "connections", "refused", "closed", "bytes_read", "bytes_written", "reads",
                    "writes", "syscalls"), List.copyOf(summary.fields().keySet()), "the documented keys, in order: " + line);
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

    /**
     * A trace reader that stalls (stdout a pipe nobody reads) must hold neither the clients nor the
     * shutdown hostage: far more echoes than the pipe and the trace queue can hold still complete,
     * SIGTERM still ends the server, and standard error says what was lost.
     */
    @Test
    void aStalledTraceReaderBlocksNeitherClientsNorShutdown() throws Exception {
        Path err = Files.createTempFile("muxlab-stalled-", ".err");
        Process child = new ProcessBuilder(command("--port", "0", "--trace")).redirectError(err.toFile()).start();
        // Kept open (and reachable) to the end: a collected stream closes the pipe, and the server
        // would then see EPIPE instead of a reader that stalls.
        BufferedReader stdout = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        try {
            String first = stdout.readLine(); // the last line this test ever reads
            Matcher address = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(first));
            assertTrue(address.matches(), first);
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(address.group(1)))) {
                s.setSoTimeout(30_000);
                s.setTcpNoDelay(true);
                // Three trace lines an echo (readable, read, wrote), ~15 bytes each: well past the
                // 64 KiB pipe and the trace queue together.
                int echoes = (TraceSink.CAPACITY + 16_384) / 3 + 1_000;
                for (int i = 0; i < echoes; i++) {
                    s.getOutputStream().write('x');
                    assertEquals('x', s.getInputStream().read(), "echo " + i + " of " + echoes);
                }
            }
            // SIGTERM through the handle: Process.destroy() would also close our end of the pipe.
            child.toHandle().destroy();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM while nobody reads standard output");
            assertEquals(0, child.exitValue(), Files.readString(err));
            String complaints = Files.readString(err);
            assertTrue(complaints.contains("line(s) dropped because standard output fell behind"), complaints);
            assertTrue(complaints.contains("the summary was not written: summary: server=" + serverName()), complaints);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            stdout.close();
            Files.deleteIfExists(err);
        }
    }

    /**
     * Our per-syscall counters against an independent tool: a scripted session (three connections,
     * three messages each, one half-closed) under {@code strace -f}, then every count in the
     * summary that strace can see on the server's own descriptors must be strace's count exactly.
     */
    @Test
    void theSummarysSyscallCountsAreStracesCounts() throws Exception {
        assumeTrue(Strace.usable(), Strace.whyNot());
        Path trace = Files.createTempFile("muxlab-strace-", ".txt");
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", trace.toString(), "-e",
                "trace=" + StraceCounts.TRACED));
        command.addAll(command("--port", "0"));
        try (ProcessLines out = ProcessLines.start(command)) {
            String first = out.awaitLine("listening on ", 120_000);
            int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
            for (int i = 0; i < 3; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(30_000);
                    for (String message : new String[] {"one\n", "two\n", "three\n"}) {
                        s.getOutputStream().write(message.getBytes(StandardCharsets.US_ASCII));
                        assertEquals(message, new String(s.getInputStream().readNBytes(message.length()), StandardCharsets.US_ASCII));
                    }
                    if (i == 2) {
                        s.shutdownOutput();
                        assertEquals(-1, s.getInputStream().read(), "the server closes after a half-close");
                    }
                }
            }
            ProcessHandle server = out.process().toHandle().children().findFirst().orElseThrow();
            server.destroy(); // SIGTERM to the server, not to strace
            assertTrue(out.process().waitFor(60, TimeUnit.SECONDS), "strace and the server did not exit");
            ResultLine summary = out.awaitResult(EchoSummary.PREFIX, 10_000);
            Map<String, Long> strace = StraceCounts.count(Files.readAllLines(trace, StandardCharsets.UTF_8));
            for (String name : StraceCounts.COMPARED) {
                Long ours = summary.groupCounts().get(name);
                assertEquals(ours == null ? 0 : ours, strace.getOrDefault(name, 0L),
                        name + ": strace " + strace + ", ours " + summary.format());
            }
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    private ProcessLines start(String... args) throws IOException {
        return ProcessLines.start(command(args));
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass().getName()));
        command.addAll(List.of(args));
        command.addAll(extraArguments());
        return command;
    }
}
