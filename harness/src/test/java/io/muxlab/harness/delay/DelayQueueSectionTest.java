package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.cli.UsageException;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;

class DelayQueueSectionTest {
    private static List<WorkloadSpec> plan(boolean quick, long warmupNanos, long measureNanos) {
        Settings s = new Settings(quick, warmupNanos, measureNanos, List.of(), 1, 10_000, 1, Path.of("report"), "../docs", 1024, 1);
        return new DelayQueueSection().plan(s).stream().map(r -> ((DelayRun) r).spec()).toList();
    }

    @Test
    void quickPlanMeasuresEveryServerOnceAtTenThousandPending() {
        List<WorkloadSpec> quick = plan(true, 150_000_000, 300_000_000);
        List<WorkloadSpec> enqueue = of(quick, Measure.ENQUEUE);
        List<WorkloadSpec> single = enqueue.stream().filter(s -> s.tasksPerCall() == 1 && s.inFlight() == 0).toList();
        assertEquals(List.of(DelayServer.values()), single.stream().map(WorkloadSpec::server).toList());
        single.forEach(s -> assertEquals(256, s.producers()));
        List<WorkloadSpec> batched = enqueue.stream().filter(s -> s.tasksPerCall() > 1).toList();
        assertEquals(1, batched.size(), "one batched row under --quick");
        assertEquals(DelayServer.BATCH, batched.get(0).server());
        assertEquals(8, batched.get(0).producers());
        assertEquals(DelayQueueSection.TASKS_PER_CALL, batched.get(0).tasksPerCall());
        assertEquals("enqueue batch producers=8 tasks/call=100", batched.get(0).label());
        List<WorkloadSpec> async = enqueue.stream().filter(s -> s.inFlight() > 0).toList();
        assertEquals(1, async.size(), "one asynchronous row under --quick");
        assertEquals("enqueue batch producers=8 async in-flight=1000", async.get(0).label());
        for (WorkloadSpec s : enqueue) {
            assertEquals(150, s.warmupMillis(), "the harness's --warmup");
            assertEquals(300, s.windowMillis(), "the harness's --duration");
        }
        assertEquals(DelayQueueSection.LATENESS_SERVERS, of(quick, Measure.LATENESS).stream().map(WorkloadSpec::server).toList());
        assertEquals(List.of(DelayServer.BATCH, DelayServer.JDK_DELAY_QUEUE, DelayServer.SCHEDULED_EXECUTOR),
                of(quick, Measure.RECOVERY).stream().map(WorkloadSpec::server).toList());
        Set<Integer> pending = quick.stream().filter(s -> s.measure() != Measure.ENQUEUE).map(WorkloadSpec::pending)
                .collect(Collectors.toSet());
        assertEquals(Set.of(10_000), pending, "no million-task run under --quick");
        assertEquals(14, quick.size());
        quick.forEach(s -> assertEquals(1, s.repeats(), "--quick measures each point once"));
    }

    @Test
    void fullPlanReachesTheTargetsSizes() {
        List<WorkloadSpec> full = plan(false, 1_500_000_000, 1_500_000_000);
        assertEquals(Set.of(8, 256), of(full, Measure.ENQUEUE).stream().map(WorkloadSpec::producers).collect(Collectors.toSet()));
        List<WorkloadSpec> enqueue = of(full, Measure.ENQUEUE);
        assertEquals(10, enqueue.stream().filter(s -> s.tasksPerCall() == 1 && s.inFlight() == 0).count(),
                "every server at each producer count");
        assertTrue(enqueue.stream().anyMatch(s -> s.server() == DelayServer.BATCH && s.producers() == Targets.BLOCKING_PRODUCERS
                && s.tasksPerCall() == 1 && s.inFlight() == 0), "the blocking target's row");
        assertEquals(List.of(DelayServer.BATCH), enqueue.stream().filter(s -> s.inFlight() > 0).map(WorkloadSpec::server).toList());
        enqueue.stream().filter(s -> s.inFlight() > 0).forEach(s -> {
            assertEquals(Targets.ASYNC_PRODUCERS, s.producers());
            assertEquals(1, s.tasksPerCall());
            assertEquals(DelayQueueSection.IN_FLIGHT, s.inFlight());
        });
        assertEquals(List.of(DelayServer.ALWAYS, DelayServer.BATCH, DelayServer.NEVER),
                enqueue.stream().filter(s -> s.tasksPerCall() > 1).map(WorkloadSpec::server).toList(),
                "each of our policies batched; the references have no batch API");
        enqueue.stream().filter(s -> s.tasksPerCall() > 1).forEach(s -> assertEquals(8, s.producers()));
        assertEquals(14, enqueue.size());
        assertEquals(Set.of(1_000, 1_000_000),
                of(full, Measure.LATENESS).stream().map(WorkloadSpec::pending).collect(Collectors.toSet()));
        assertTrue(of(full, Measure.RECOVERY).stream()
                .anyMatch(s -> s.server() == DelayServer.BATCH && s.pending() == Targets.RECOVERY_PENDING));
        for (WorkloadSpec s : full) {
            assertEquals(3, s.repeats(), s.label());
            assertTrue(s.timeoutMillis() > s.warmupMillis() + 3 * (s.windowMillis() + s.spreadMillis()), s.label());
        }
        enqueue.forEach(s -> assertEquals(500, s.windowMillis(), "the 1.5 s --duration split between three repeats"));
    }

    @Test
    void theChildGetsBackTheSpecThePlanMade() throws Exception {
        for (WorkloadSpec spec : plan(false, 1_500_000_000, 1_500_000_000)) {
            List<String> args = spec.args(Path.of("q"));
            CommandLine cmd = new DefaultParser().parse(WorkloadMain.options(), args.toArray(String[]::new));
            assertEquals(spec, WorkloadMain.spec(cmd), String.join(" ", args));
        }
    }

    @Test
    void manyTasksPerCallIsRefusedForTheReferences() throws Exception {
        CommandLine ok = new DefaultParser().parse(WorkloadMain.options(),
                new String[] {"--measure", "enqueue", "--server", "never", "--tasks-per-call", "50"});
        assertEquals(50, WorkloadMain.spec(ok).tasksPerCall());
        CommandLine dflt = new DefaultParser().parse(WorkloadMain.options(), new String[] {"--measure", "enqueue", "--server", "batch"});
        assertEquals(1, WorkloadMain.spec(dflt).tasksPerCall());
        CommandLine ref = new DefaultParser().parse(WorkloadMain.options(),
                new String[] {"--measure", "enqueue", "--server", "j.u.c.DelayQueue", "--tasks-per-call", "100"});
        UsageException e = assertThrows(UsageException.class, () -> WorkloadMain.spec(ref));
        assertTrue(e.getMessage().contains("no batch API"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.enqueue(DelayServer.SCHEDULED_EXECUTOR, 8, 100, 0, 1, 1));
    }

    @Test
    void futuresInFlightAreOurQueuesOneTaskPerCallOnly() throws Exception {
        CommandLine ok = new DefaultParser().parse(WorkloadMain.options(),
                new String[] {"--measure", "enqueue", "--server", "batch", "--in-flight", "1000"});
        assertEquals(WorkloadSpec.enqueueAsync(DelayServer.BATCH, 8, 1000, 500, 1500, 2_000_000), WorkloadMain.spec(ok));
        for (String[] bad : List.of(new String[] {"--server", "j.u.c.DelayQueue", "--in-flight", "10"},
                new String[] {"--server", "batch", "--tasks-per-call", "100", "--in-flight", "10"})) {
            List<String> args = new ArrayList<>(List.of("--measure", "enqueue"));
            args.addAll(List.of(bad));
            CommandLine cmd = new DefaultParser().parse(WorkloadMain.options(), args.toArray(String[]::new));
            UsageException e = assertThrows(UsageException.class, () -> WorkloadMain.spec(cmd));
            assertTrue(e.getMessage().contains("--in-flight"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.enqueueAsync(DelayServer.JDK_DELAY_QUEUE, 8, 10, 0, 1, 1));
    }

    private static List<WorkloadSpec> of(List<WorkloadSpec> specs, Measure m) {
        return specs.stream().filter(s -> s.measure() == m).toList();
    }
}
