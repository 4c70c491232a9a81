package io.muxlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemorySampleTest {
    @Test
    void readsVmRssInBytes() {
        assertEquals(123_456L * 1024, MemorySample.vmRssBytes("Name:\tjava\nVmHWM:\t  200000 kB\nVmRSS:\t  123456 kB\nThreads:\t20\n"));
        assertEquals(-1, MemorySample.vmRssBytes("Name:\tzombie\n"));
    }

    @Test
    void sumsQueuedReservedAndOptionMemoryOfEverySocketNotTheBufferSizes() {
        String ss = """
                0      0      [::ffff:127.0.0.1]:7004 [::ffff:127.0.0.1]:50000
                \t skmem:(r0,rb131072,t0,tb2626560,f4096,w0,o0,bl0,d0)
                10     20     127.0.0.1:7004 127.0.0.1:50002
                \t skmem:(r1280,rb131072,t512,tb2626560,f2816,w2304,o16,bl0,d3)
                """;
        // r + w + f + o; rb and tb are limits, t overlaps w, bl and d are counts.
        assertEquals(4096 + 1280 + 2816 + 2304 + 16, MemorySample.skmemBytes(ss));
        assertEquals(0, MemorySample.skmemBytes(""));
    }

    @Test
    void samplesThisProcess() {
        MemorySample self = MemorySample.take(ProcessHandle.current().pid(), 1, false, null);
        assertTrue(self.rssBytes() > 1 << 20, "a JVM holds more than a MiB: " + self.rssBytes());
        assertEquals(-1, self.socketBufferBytes(), "sockets not sampled");
    }
}
