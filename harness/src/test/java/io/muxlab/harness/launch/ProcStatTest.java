package io.muxlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void countsFieldsAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 30 0 12345 0 0";
        assertEquals((250 + 37) * ProcStat.NANOS_PER_TICK, ProcStat.parseCpuNanos(stat));
    }

    @Test
    void readsThisProcess() throws IOException {
        assertTrue(ProcStat.cpuNanos(ProcessHandle.current().pid()) >= 0);
    }
}
