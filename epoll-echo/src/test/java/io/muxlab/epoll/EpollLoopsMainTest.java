package io.muxlab.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.cli.EchoSummary;
import io.muxlab.core.cli.ResultLine;
import io.muxlab.core.echo.ProcessLines;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --loops N}: one {@code loop:} line per loop before the summary, and the loops' counts add up to it. */
class EpollLoopsMainTest {
    private static ProcessLines start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), EpollEchoMain.class.getName()));
        command.addAll(List.of(args));
        return ProcessLines.start(command);
    }

    @Test
    void everyLoopReportsItsShareAndTheSharesAddUpToTheSummary() throws Exception {
        try (ProcessLines out = start("--port", "0", "--loops", "2", "--accept", "reuseport")) {
            String first = out.awaitLine("listening on ", 60_000);
            int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
            for (int i = 0; i < 10; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(30_000);
                    s.getOutputStream().write('x');
                    assertEquals('x', s.getInputStream().read());
                }
            }
            out.process().destroy();
            assertTrue(out.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, out.process().exitValue(), out.stderr());
            ResultLine summary = out.awaitResult(EchoSummary.PREFIX, 10_000);
            List<ResultLine> loops = out.stdout().stream().filter(l -> l.startsWith(EchoSummary.LOOP_PREFIX + " "))
                    .map(l -> ResultLine.parse(EchoSummary.LOOP_PREFIX, l)).toList();
            assertEquals(2, loops.size(), String.join("\n", out.stdout()));
            assertEquals(summary.count("connections"), loops.stream().mapToLong(l -> l.count("connections")).sum());
            assertEquals(10, summary.count("connections"));
            assertEquals(2, summary.groupCounts().get("listen"), "one SO_REUSEPORT socket per loop: " + summary.format());
        }
    }

    @Test
    void anUnknownAcceptModelIsAUsageError() throws Exception {
        try (ProcessLines bad = start("--loops", "2", "--accept", "roundrobin")) {
            assertTrue(bad.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, bad.process().exitValue());
            bad.awaitError("--accept takes shared, exclusive or reuseport", 10_000);
        }
    }
}
