package io.muxlab.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Machine table says whether CPU pinning was on; the test's JVM is never pinned, so here it is off. */
class MachineInfoTest {
    @Test
    void statesThePinningAndTheMachinesCores() {
        MachineInfo m = MachineInfo.collect();
        assertTrue(m.facts().get("CPU pinning").startsWith("off: "), m.facts().get("CPU pinning"));
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), m.facts().get("Cores"));
    }
}
