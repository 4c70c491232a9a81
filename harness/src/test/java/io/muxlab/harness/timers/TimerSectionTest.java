package io.muxlab.harness.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.cli.ResultLine;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.measure.Spread;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.RunContext;
import io.muxlab.harness.section.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimerSectionTest {
    private static Settings settings(boolean quick, Path out) {
        return new Settings(quick, 150_000_000L, 300_000_000L, List.of(), 1, 1000, 1, out, "../docs", 20_000, 1);
    }

    @Test
    void everyFacilityAtEveryPointOfEachWorkload(@TempDir Path out) {
        List<PlannedRun> full = new TimerSection().plan(settings(false, out), 2_000_000);
        // lateness at 3 sizes, idle at 2 (empty, far), due at 2 (sparse, dense), heap at 1, schedule+cancel at 2
        assertEquals(10 * Peers.ALL.size(), full.size());
        List<PlannedRun> quick = new TimerSection().plan(settings(true, out), 2_000_000);
        assertEquals(8 * Peers.ALL.size(), quick.size());
        assertTrue(quick.stream().anyMatch(r -> r.label().equals("netty-hwt idle timers=10000")));
        assertTrue(quick.stream().anyMatch(r -> r.label().equals("wheel idle timers=0")));
        assertTrue(quick.stream().anyMatch(r -> r.label().equals("wheel due timers=10")));
        assertTrue(quick.stream().anyMatch(r -> r.label().equals("stpe heap timers=10000")));
    }

    @Test
    void fdPerTimerBeyondTheDescriptorLimitIsARowThatSaysSoAndStartsNothing(@TempDir Path out) throws Exception {
        Settings s = settings(false, out);
        List<Row> notRun = new ArrayList<>();
        for (PlannedRun run : new TimerSection().plan(s, 5_000)) {
            if (run.label().startsWith("fd-per-timer") && !run.label().endsWith("timers=1000")
                    && !run.label().endsWith("timers=0") && !run.label().contains(" due ")) {
                notRun.add(run.run(new RunContext(s, 1)));
            }
        }
        // lateness at 10 000 and 100 000, idle at 10 000, heap at 100 000, schedule+cancel at 1 000 000
        // (idle at 0 fits, and so does due over this 0.3 s window: 3 000 timers at most)
        assertEquals(5, notRun.size());
        TimerRow row = (TimerRow) notRun.get(0);
        assertEquals("lateness", row.workload());
        assertEquals(10_000, row.timers());
        assertEquals(0, row.errors());
        assertEquals("not run: needs 11200 descriptors, limit 5000 (RLIMIT_NOFILE hard)", row.note());
        assertEquals(row.note(), row.figures());
        assertTrue(Double.isNaN(row.p99Micros()));
        for (Row r : notRun) {
            assertTrue(((TimerRow) r).note().startsWith("not run: needs "), r.toString());
        }
        assertTrue(Files.notExists(out.resolve("logs")), "no child was started");

        String json = json(row);
        assertTrue(json.contains("\"scenario\":\"timers\""), json);
        assertTrue(json.contains("\"server\":\"fd-per-timer\""), json);
        assertTrue(json.contains("\"p99Micros\":null"), json);
        assertTrue(json.contains("\"errors\":0"), json);
        assertTrue(json.contains("\"note\":\"not run: needs 11200 descriptors, limit 5000"), json);
    }

    @Test
    void onlyFdPerTimerIsBoundByDescriptors() {
        assertNull(TimerSection.notRun("heap", 1_000_000, 1024));
        assertNull(TimerSection.notRun("netty-hwt", 1_000_000, 1024));
        assertNull(TimerSection.notRun("fd-per-timer", 1_000, 20_000));
        assertEquals("not run: needs 1001200 descriptors, limit 20000 (RLIMIT_NOFILE hard)",
                TimerSection.notRun("fd-per-timer", 1_000_000, 20_000));
    }

    @Test
    void aMeasuredRowCarriesEveryRepeatAndShowsTheirMedian() {
        TimerRow row = TimerRow.measured("idle", "wheel", "ours", 10_000,
                ResultLine.parse(TimerChild.PREFIX, "timer-result timers=10000 repeats=3 wakeupsPerSecond.1=1001 "
                        + "wakeupsPerSecond.2=999.5 wakeupsPerSecond.3=990 cpuMillisPerSecond.1=12.0 cpuMillisPerSecond.2=12.0 "
                        + "cpuMillisPerSecond.3=12.0 threadCpuMillisPerSecond.1=4.25 threadCpuMillisPerSecond.2=4 "
                        + "threadCpuMillisPerSecond.3=5"));
        assertEquals(3, row.repeats());
        assertEquals(999.5, row.wakeupsPerSecond());
        assertEquals(990, row.spread("wakeupsPerSecond").min());
        assertEquals(4.25, row.threadCpuMillisPerSecond());
        assertTrue(Double.isNaN(row.opsPerSecond()));
        assertEquals("999.5 wake-ups/s, thread 4.25 ms CPU/s, process 12.0 ms CPU/s (median of 3)", row.figures());
        String json = json(row);
        assertTrue(json.contains("\"workload\":\"idle\""), json);
        assertTrue(json.contains("\"repeats\":3"), json);
        assertTrue(json.contains("\"wakeupsPerSecond\":999.5,\"wakeupsPerSecondMin\":990,\"wakeupsPerSecondMax\":1001"), json);
        assertTrue(json.contains("\"opsPerSecond\":null"), json);
    }

    @Test
    void theIdleCaptionIsComputedFromTheRows() {
        List<TimerRow> rows = List.of(
                due("wheel", "ours", 10, 10.5, 10.0),
                due("netty-hwt", "peer", 10, 1000.0, 10.0),
                TimerRow.measured("idle", "wheel", "ours", 0, Map.of("wakeupsPerSecond", Spread.of(0.0), "dueTicksPerSecond",
                        Spread.of(0.0))),
                TimerRow.measured("idle", "netty-hwt", "peer", 0, Map.of("wakeupsPerSecond", Spread.of(910, 913, 920))),
                TimerRow.measured("heap", "wheel", "ours", 100_000, Map.of("heapBytesPerTimer", Spread.of(96.25))));
        IdleFigures f = new IdleFigures(rows);
        assertEquals(List.of("sparse, 10 due/s", "empty"), f.categories());
        assertEquals("Measured wake-ups/s — sparse, 10 due/s (10.0 due ticks/s): wheel 10.5 (1.05× the due ticks), "
                + "netty-hwt 1000.0; empty: wheel 0.0, netty-hwt 913.0. ", f.wakeUps());
        assertEquals("With nothing due, wheel did not wake (under 1 a second); netty-hwt woke up to 913 times a second. ",
                f.atRest());
        assertEquals("Woke no more than about once per due tick (at most 1.10×): sparse, 10 due/s: wheel. ", f.perDueTick());
        assertEquals(1000.0, f.series(TimerRow::wakeupsPerSecond).get(Peers.ALL.indexOf("netty-hwt")).y()[0]);
        assertEquals("Measured per live timer: wheel 96.3 B. ", IdleFigures.heap(rows));
    }

    @Test
    void aWheelThatWakesTooOftenIsNotCalledOncePerDueTick() {
        IdleFigures f = new IdleFigures(List.of(due("wheel", "ours", 10_000, 1500, 1000)));
        assertEquals("Woke no more than about once per due tick (at most 1.10×): dense, 10 000 due/s: none. ", f.perDueTick());
        IdleFigures awake = new IdleFigures(List.of(TimerRow.measured("idle", "wheel", "ours", 0,
                Map.of("wakeupsPerSecond", Spread.of(5)))));
        assertEquals("With nothing due, no facility stayed asleep; wheel woke up to 5 times a second. ", awake.atRest());
    }

    private static TimerRow due(String server, String kind, int perSecond, double wakeUps, double dueTicks) {
        return TimerRow.measured("due", server, kind, perSecond, Map.of("wakeupsPerSecond", Spread.of(wakeUps), "dueTicksPerSecond",
                Spread.of(dueTicks)));
    }

    private static String json(Row row) {
        JsonWriter w = new JsonWriter();
        row.writeJson(w);
        return w.toString();
    }

    @Test
    void labelsNameFacilityWorkloadAndTimers(@TempDir Path out) {
        Map<String, Long> counts = new TreeMap<>();
        for (PlannedRun r : new TimerSection().plan(settings(true, out), 2_000_000)) {
            counts.merge(r.label().split(" ")[1], 1L, Long::sum);
        }
        assertEquals(Map.of("idle", 10L, "due", 10L, "heap", 5L, "lateness", 10L, "schedule-cancel", 5L), counts);
    }
}
