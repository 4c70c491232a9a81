package io.muxlab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Every {@code counters} line is answered with the counters as they are then; other lines are ignored. */
class CounterRequestsTest {
    @Test
    void answersEachRequestWithTheCountersSoFar() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        byte[] input = "counters\nsomething else\n counters \n".getBytes(StandardCharsets.UTF_8);
        CounterRequests.answer(new CountingServer(), new ByteArrayInputStream(input), out).join(10_000);

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        ResultLine first = ResultLine.parse(EchoSummary.COUNTERS_PREFIX, lines.get(0));
        ResultLine second = ResultLine.parse(EchoSummary.COUNTERS_PREFIX, lines.get(1));
        assertEquals(1, first.count("syscalls"));
        assertEquals(Map.of("read", 1L), first.groupCounts());
        assertEquals(2, second.count("syscalls"));
    }

    /** Each look at its counters finds one more read than the last. */
    private static final class CountingServer implements EchoServer {
        private final AtomicLong reads = new AtomicLong();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public InetSocketAddress bind(EchoConfig config) {
            throw new UnsupportedOperationException("never bound");
        }

        @Override
        public void run() {
        }

        @Override
        public void stop() {
        }

        @Override
        public EchoStats stats() {
            return new EchoStats(0, 0, 0, 0, 0, 0, 0, Map.of("read", reads.incrementAndGet()));
        }
    }
}
