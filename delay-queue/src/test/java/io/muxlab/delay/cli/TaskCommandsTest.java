package io.muxlab.delay.cli;

import static io.muxlab.delay.cli.CliRun.assertError;
import static io.muxlab.delay.cli.CliRun.assertUsageError;
import static io.muxlab.delay.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cancel, requeue and purge-dead from the command line, and run's note while it waits for a task due later. */
class TaskCommandsTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void cancelRequeueAndPurgeDead() {
        String dir = tmp.resolve("q").toString();
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "append", "--payload", "doomed").status());
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "append", "--payload", "doomed too").status());
        // Appending to /dev/full fails every attempt: both append tasks go dead.
        assertEquals(0, run("run", "--dir", dir, "--until-empty", "--max-attempts", "1", "--append-to", "/dev/full").status());
        assertEquals("enqueued task 3", run("enqueue", "--dir", dir, "--task", "print", "--delay", "1h", "--payload", "later").out().trim());

        assertUsageError(run("cancel", "--dir", dir), "cancel takes one task ID");
        assertUsageError(run("cancel", "--dir", dir, "x1"), "not a task ID: 'x1'");
        CliRun.Result cancelled = run("cancel", "--dir", dir, "3");
        assertEquals("cancelled task 3", cancelled.out().trim(), cancelled.err());
        assertError(run("cancel", "3", "--dir", dir), 1, "task 3 is not waiting or dead");

        assertError(run("requeue", "--dir", dir, "7"), 1, "task 7 is not dead");
        assertEquals("requeued task 1", run("requeue", "--dir", dir, "1").out().trim());
        assertTrue(run("list", "--dir", dir).out().startsWith("pending 1\n"), "task 1 waits again");
        assertUsageError(run("requeue", "--dir", dir, "3", "--all-dead"), "not both");

        assertUsageError(run("purge-dead", "--dir", dir), "purge-dead deletes 1 dead tasks for good; add --yes");
        assertTrue(run("list", "--dir", dir).out().contains("dead 1"), "nothing changed without --yes");
        assertEquals("purged 1 dead tasks", run("purge-dead", "--dir", dir, "--yes").out().trim());
        CliRun.Result list = run("list", "--dir", dir);
        assertTrue(list.out().contains("pending 1\n") && list.out().endsWith("dead 0\n"), list.out());
        assertEquals("requeued 0 dead tasks", run("requeue", "--dir", dir, "--all-dead").out().trim());
    }

    @Test
    void runUntilEmptySaysItIsWaitingForATaskDueLater() throws Exception {
        String dir = tmp.resolve("q").toString();
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "print", "--delay", "3h", "--payload", "later").status());
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Xmx128m"), DelayQueueMain.class, "run", "--dir", dir,
                "--until-empty")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String line = err.readLine();
            assertTrue(line != null && line.contains("waiting: 1 pending, none due before 20"), line);
            child.toHandle().destroy();
            assertEquals(0, ChildJvm.await(child, 60), "SIGTERM stops it cleanly");
        } finally {
            child.destroyForcibly();
        }
        assertTrue(run("list", "--dir", dir).out().startsWith("pending 1\n"), "the task stays queued");
    }
}
