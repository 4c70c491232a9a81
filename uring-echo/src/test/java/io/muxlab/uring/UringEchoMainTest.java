package io.muxlab.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.cli.EchoMainContract;
import io.muxlab.core.cli.EchoSummary;
import io.muxlab.core.echo.ProcessLines;
import io.muxlab.core.sys.IoUringAvailable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The completion loop traces enters and completions, not readiness; with --trace=syscalls each
 * io_uring_enter is a line; the options of the readiness loops it does not take exit 2, naming them.
 */
@ExtendWith(IoUringAvailable.class)
class UringEchoMainTest extends EchoMainContract {
    @Override
    protected Class<?> mainClass() {
        return UringEchoMain.class;
    }

    @Override
    protected String serverName() {
        return UringEchoServer.NAME;
    }

    @Override
    protected List<Pattern> expectedTrace(String fd) {
        String flags = "( F_[A-Z_]+)*"; // F_SOCK_NONEMPTY, for one, is the kernel's to set
        return List.of(Pattern.compile("enter submitted=\\d+ waited=1 reaped=\\d+"),
                Pattern.compile("cqe accept fd=\\d+ res=" + fd + " F_MORE"),
                Pattern.compile("cqe recv fd=" + fd + " res=6" + flags),
                Pattern.compile("cqe send fd=" + fd + " res=6" + flags),
                Pattern.compile("cqe recv fd=" + fd + " res=0" + flags));
    }

    @Test
    void traceSyscallsShowsEachEnterWithWhatItSubmittedAndWaitedFor() throws Exception {
        try (ProcessLines out = ProcessLines.start(command("--port", "0", "--trace=syscalls"))) {
            String first = out.awaitLine("listening on ", 60_000);
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(first.substring(first.lastIndexOf(':') + 1)))) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                assertEquals("hello\n", new String(in.readNBytes(6), StandardCharsets.US_ASCII));
            }
            out.process().toHandle().destroy();
            assertTrue(out.process().waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM");
            assertEquals(0, out.process().exitValue(), out.stderr());
            out.awaitResult(EchoSummary.PREFIX, 10_000); // after the trace's last line
            Pattern enter = Pattern.compile(" *\\d+ µs io_uring_enter\\(fd \\d+ \\(ring\\), to_submit \\d+, min_complete 1, "
                    + "IORING_ENTER_GETEVENTS, timeout ∞\\) = \\d+ after \\d+ µs");
            assertTrue(out.stdout().stream().anyMatch(l -> enter.matcher(l).matches()), "no enter line in " + out.stdout());
            assertTrue(out.stdout().stream().noneMatch(l -> l.startsWith("cqe ")), "the event trace is off: " + out.stdout());
        }
    }

    @Test
    void pitfallAndIdleTimeoutAreRefusedWithExitTwo() throws Exception {
        for (List<String> args : List.of(List.of("--pitfall", "busy-poll"), List.of("--idle-timeout", "5s"))) {
            try (ProcessLines run = ProcessLines.start(command(args.toArray(String[]::new)))) {
                assertTrue(run.process().waitFor(60, TimeUnit.SECONDS));
                assertEquals(2, run.process().exitValue(), args + ": " + run.stderr());
                run.awaitError(args.get(0) + " ", 10_000);
                run.awaitError("use --mode poll", 10_000);
            }
        }
    }

    private static List<String> command(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), UringEchoMain.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
