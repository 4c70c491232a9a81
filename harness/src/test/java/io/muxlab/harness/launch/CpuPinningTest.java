package io.muxlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --pin: the plan and its refusals from what the kernel says, and, where this machine allows, a
 * pinned child that really runs on its CPU and a running process whose every thread is moved.
 * The test's own JVM is never pinned: that would slow every other test.
 */
class CpuPinningTest {
    private static final Optional<Path> TASKSET = Optional.of(Path.of("/usr/bin/taskset"));

    @Test
    void readsTheKernelsCpuLists() {
        assertEquals(List.of(0, 1, 2, 5), CpuPinning.cpus("0-2,5"));
        assertEquals(List.of(3), CpuPinning.cpus("3\n"));
        assertEquals("1,2,3", CpuPinning.text(List.of(1, 2, 3)));
    }

    @Test
    void childrenGetTheFirstCpuAndTheHarnessTheRest() throws CpuPinning.Refused {
        CpuPinning p = CpuPinning.plan("2-4", TASKSET);
        assertEquals(2, p.child());
        assertEquals(List.of(3, 4), p.harness());
        assertEquals(List.of("/usr/bin/taskset", "-c", "2"), p.childPrefix());
        assertTrue(p.describe().contains("on CPU 2, the harness (the load client) on CPUs 3,4"), p.describe());
    }

    @Test
    void refusesOneCpuOrNoTasksetInOneLine() {
        CpuPinning.Refused one = assertThrows(CpuPinning.Refused.class, () -> CpuPinning.plan("0", TASKSET));
        assertTrue(one.getMessage().contains("needs 2 CPUs or more") && one.getMessage().contains("may run on 1"), one.getMessage());
        CpuPinning.Refused none = assertThrows(CpuPinning.Refused.class, () -> CpuPinning.plan("0-3", Optional.empty()));
        assertTrue(none.getMessage().contains("needs taskset"), none.getMessage());
        assertTrue(Stream.of(one, none).noneMatch(e -> e.getMessage().contains("\n")));
        assertEquals(Optional.empty(), CpuPinning.active(), "a refusal pins nothing");
    }

    /** A child JVM, started pinned, runs on the child CPU; moved as the harness moves itself, every thread follows. */
    @Test
    void aPinnedChildRunsOnItsCpuAndEveryThreadMovesWithTaskset(@TempDir Path dir) throws Exception {
        Optional<Path> taskset = ChildProcess.onPath("taskset", System.getenv("PATH"));
        assumeTrue(taskset.isPresent(), "no taskset (util-linux) on PATH");
        String allowed = CpuPinning.allowedList(Path.of("/proc/self/status"));
        assumeTrue(CpuPinning.cpus(allowed).size() >= 2, "this process may run on one CPU only (" + allowed + ")");
        CpuPinning plan = CpuPinning.plan(allowed, taskset);
        Path source = Files.writeString(dir.resolve("Ready.java"),
                "class Ready { public static void main(String[] a) throws Exception { System.out.println(\"ready\"); Thread.sleep(600_000); } }");
        List<String> cmd = List.of(JavaRuntime.current().java().toString(), "-Xshare:auto", source.toString());
        try (ChildProcess child = ChildProcess.start(cmd, dir.resolve("ready.log"), Optional.of(plan))) {
            awaitReady(child);
            Path status = Path.of("/proc", Long.toString(child.pid()), "status");
            assertTrue(Files.readString(status).contains("Name:\tjava"), "taskset and sh exec'd: the pid is the child's");
            assertEquals(List.of(plan.child()), CpuPinning.cpus(CpuPinning.allowedList(status)));
            plan.pinAll(child.pid());
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(child.pid()), "task"))) {
                List<Path> all = tasks.toList();
                assertTrue(all.size() > 5, "a JVM runs many threads: " + all.size());
                for (Path task : all) {
                    assertEquals(plan.harness(), CpuPinning.cpus(CpuPinning.allowedList(task.resolve("status"))), task.toString());
                }
            }
        }
    }

    /** Its first line, polled (bounded): the sentinel that its main runs, so its threads are up. */
    private static void awaitReady(ChildProcess child) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!child.stdout().startsWith("ready\n")) {
            assertTrue(child.isAlive(), "the child JVM exited; see " + child.log());
            assertTrue(System.nanoTime() < deadline, "the child JVM did not start within 60 s; see " + child.log());
            Thread.sleep(20);
        }
    }
}
