package io.muxlab.harness.waitcost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.bench.IdleWait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each computed caption held against rows that show the expected shape and rows that contradict it. */
class WaitCostCaptionsTest {
    private static final int[] N = {10, 100, 1_000, 10_000};

    /** One row per N with CPU nanoseconds per call {@code base + perFd * n}; select stops below FD_SETSIZE. */
    private static List<WaitCostRow> rows(String backend, double base, double perFd) {
        List<WaitCostRow> out = new ArrayList<>();
        for (int n : N) {
            if (backend.equals(IdleWait.SELECT) && n > 1_000) {
                out.add(WaitCostRow.notRun(backend, n, WaitCostSection.notRun(backend, n, Optional.empty())));
                continue;
            }
            double ns = base + perFd * n;
            out.add(WaitCostRow.measured(backend, n, Map.of("descriptors", (double) n, "calls", 1000.0, "nanosPerCall", ns * 1.2,
                    "nanosMin", ns, "nanosMax", ns * 2, "cpuNanosPerCall", ns)));
        }
        return out;
    }

    private static List<WaitCostRow> expected() {
        List<WaitCostRow> all = new ArrayList<>();
        all.addAll(rows(IdleWait.SELECT, 500, 60));
        all.addAll(rows(IdleWait.POLL, 300, 63));
        all.addAll(rows(IdleWait.EPOLL, 270, 0));
        all.addAll(rows(IdleWait.JDK_SELECTOR, 280, 0.001));
        all.addAll(rows(IdleWait.IO_URING, 450, 0));
        return all;
    }

    @Test
    void theChartCaptionStatesTheMeasuredShapeAndItsFit() {
        String c = WaitCostCaptions.chart(expected());
        assertTrue(c.contains("poll grows with N: 0.93 µs at N = 10 to 630 µs at N = 10 000"), c);
        assertTrue(c.contains("fitted 63.0 ns per descriptor"), c);
        assertTrue(c.contains("epoll_wait stays flat: 0.27 µs at N = 10 to 0.27 µs at N = 10 000 (×1.0)"), c);
        assertTrue(c.contains("select grows with N") && c.contains("at N = 1 000"), c);
        assertTrue(c.contains("Every measured backend has the expected shape"), c);
    }

    @Test
    void theChartCaptionSaysSoWhenEpollGrowsAndPollDoesNot() {
        List<WaitCostRow> all = new ArrayList<>(rows(IdleWait.SELECT, 500, 60));
        all.addAll(rows(IdleWait.POLL, 300, 0));
        all.addAll(rows(IdleWait.EPOLL, 270, 0.05));
        String c = WaitCostCaptions.chart(all);
        assertTrue(c.contains("poll stays flat"), c);
        assertTrue(c.contains("epoll_wait grows ×2.8"), c);
        assertTrue(c.contains("does not show the expected shape for poll (expected to grow with N), epoll_wait (expected to stay flat)"), c);
        assertFalse(c.contains("Every measured backend"), c);
        assertTrue(c.contains("jdk-selector: fewer than two points measured."), c);
    }

    @Test
    void theKerriskCaptionComparesGrowthAndRatios() {
        String c = WaitCostCaptions.kerrisk(expected());
        assertTrue(c.contains("poll ×" ) && c.contains("×57 in TLPI"), c);
        assertTrue(c.contains("The same shape, many kernels later."), c);
        assertTrue(c.contains("TLPI's figures are"), c);
        assertTrue(c.contains("this machine and kernel take less CPU per call than TLPI's did."), c);
    }

    @Test
    void theKerriskCaptionDoesNotCallThisMachineFasterWhenItIsSlower() {
        List<WaitCostRow> all = new ArrayList<>(rows(IdleWait.POLL, 30_000, 6_300));
        all.addAll(rows(IdleWait.EPOLL, 27_000, 0));
        String c = WaitCostCaptions.kerrisk(all);
        assertTrue(c.contains("this machine and kernel take more CPU per call than TLPI's did."), c);
        assertFalse(c.contains("take less"), c);
    }

    @Test
    void theKerriskCaptionSaysWhenTheShapeDiffers() {
        List<WaitCostRow> all = new ArrayList<>(rows(IdleWait.POLL, 300, 0));
        all.addAll(rows(IdleWait.EPOLL, 270, 0));
        String c = WaitCostCaptions.kerrisk(all);
        assertTrue(c.contains("poll ×1.0 here, ×57 in TLPI"), c);
        assertTrue(c.contains("Not the same shape for poll in this run."), c);
        assertTrue(c.contains("select: N = 10 or 1 000 not measured here"), c);
    }

    @Test
    void theHeadlineGivesThisRunsNumbers() {
        String h = WaitCostCaptions.headline(expected());
        assertTrue(h.startsWith("With 10 000 idle descriptors registered, one poll costs 630 µs of CPU and one epoll_wait 0.27 µs (poll ×2 334 as costly)"), h);
        assertTrue(h.contains("select cannot go past 1 024 descriptors (FD_SETSIZE), and at N = 1 000 one select costs 61 µs"), h);
        assertTrue(h.contains("an io_uring wait 0.45 µs"), h);
    }

    @Test
    void theHeadlineSaysWhenThereIsNothingToSay() {
        assertTrue(WaitCostCaptions.headline(List.of()).contains("did not run"));
        List<WaitCostRow> onlyPoll = rows(IdleWait.POLL, 300, 63);
        assertTrue(WaitCostCaptions.headline(onlyPoll).contains("no common N"));
    }

    @Test
    void selectStopsAtFdSetSizeAndAMissingBackendSaysWhy() {
        assertNull(WaitCostSection.notRun(IdleWait.SELECT, 1_000, Optional.empty()));
        assertTrue(WaitCostSection.notRun(IdleWait.SELECT, 10_000, Optional.empty()).contains("FD_SETSIZE"));
        assertEquals("not run: io_uring_setup failed: EPERM", WaitCostSection.notRun(IdleWait.IO_URING, 10, Optional.of("io_uring_setup failed: EPERM")));
    }
}
