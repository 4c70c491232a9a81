package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcTest {

    @Test
    void openFileLimitIsReadable() {
        Proc.FileLimit limit = Proc.openFileLimit();
        assertTrue(limit.soft() > 0);
        assertTrue(limit.hard() == Proc.UNLIMITED || limit.soft() <= limit.hard(), limit.toString());
    }

    @Test
    void settingTheSoftLimitToItsCurrentValueSucceeds() {
        Proc.FileLimit limit = Proc.openFileLimit();
        Proc.setOpenFileLimit(limit.soft(), limit.hard());
        assertEquals(limit, Proc.openFileLimit());
    }

    @Test
    void aProcesssCpuTimeIsTheKernelsToTheNanosecondWhereProcSaysItInTicks() {
        ProcessHandle self = ProcessHandle.current();
        long ticksBefore = self.info().totalCpuDuration().orElseThrow().toNanos();
        long nanos = Proc.cpuNanos(self.pid());
        long ticksAfter = self.info().totalCpuDuration().orElseThrow().toNanos();
        // The ticks are sampled and scaled to the kernel's runtime, so they may trail it by a few ticks.
        long slack = 100_000_000L + ticksAfter / 20;
        assertTrue(ticksBefore - slack <= nanos && nanos <= ticksAfter + slack, ticksBefore + " ~ " + nanos + " ~ " + ticksAfter);
        long later = Proc.cpuNanos(self.pid());
        assertTrue(later >= nanos, "it never runs backwards");
        long tick = 10_000_000L;
        assertTrue(nanos % tick != 0 || later % tick != 0, "not rounded to ticks");
    }

    @Test
    void theCpuTimeOfAProcessThatIsNotThereIsAFailureThatNamesIt() {
        SyscallException e = assertThrows(SyscallException.class, () -> Proc.cpuNanos(Integer.MAX_VALUE - 1));
        assertTrue(e.getMessage().contains("pid " + (Integer.MAX_VALUE - 1)), e.getMessage());
    }

    @Test
    void getppidMatchesTheJdk() {
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), Proc.getppid());
    }
}
