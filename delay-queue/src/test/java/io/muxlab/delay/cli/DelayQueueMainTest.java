package io.muxlab.delay.cli;

import static io.muxlab.delay.cli.CliRun.assertUsageError;
import static io.muxlab.delay.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: bad input is one line and exit 2, files are all-or-nothing, run stops cleanly on SIGTERM. */
class DelayQueueMainTest {
    @TempDir
    Path tmp;

    @Test
    void badInputIsOneLineAndExitTwo() {
        String dir = tmp.resolve("q").toString();
        assertUsageError(run(), "a command is required");
        assertUsageError(run("frobnicate"), "unknown command 'frobnicate'");
        assertUsageError(run("enqueue", "--task", "print"), "--dir DIR is required");
        assertUsageError(run("enqueue", "--dir", dir, "--task", "mail", "--delay", "1s"), "unknown task 'mail'");
        assertUsageError(run("enqueue", "--dir", dir, "--task", "print", "--delay", "-5s"), "cannot be negative");
        assertUsageError(run("enqueue", "--dir", dir, "--task", "print", "--delay", "5 weeks"), "not a delay: '5 weeks'");
        assertUsageError(run("enqueue", "--dir", dir, "--task", "print", "--delay", "10"), "not a delay: '10'");
        assertUsageError(run("list", "--dir", tmp.resolve("missing").toString()), "no queue directory");
        assertUsageError(run("run", "--dir", dir, "--workers", "zero"), "--workers");
        assertUsageError(run("enqueue", "--dir", tmp.resolve("no/such/parent").toString(), "--task", "print"), "parent directory");
    }

    @Test
    void aBadLineNamesItsNumberAndEnqueuesNothingFromTheFile() throws Exception {
        String dir = tmp.resolve("q").toString();
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "print", "--delay", "1h", "--payload", "kept").status());
        Path file = tmp.resolve("tasks.csv");
        Files.write(file, List.of("print,1s,one", "append,2m,two, with commas", "", "print,soon,three"));
        assertUsageError(run("enqueue", "--dir", dir, "--file", file.toString()), "tasks.csv line 4: not a delay: 'soon'");
        Files.write(file, List.of("print,1s,one", "mail,2m,two"));
        assertUsageError(run("enqueue", "--dir", dir, "--file", file.toString()), "line 2: unknown task 'mail'");
        Files.write(file, List.of("print,1s"));
        assertUsageError(run("enqueue", "--dir", dir, "--file", file.toString()), "line 1: expected 'task,delay,payload'");

        CliRun.Result list = run("list", "--dir", dir);
        assertEquals(0, list.status());
        assertTrue(list.out().startsWith("pending 1\n") && list.out().contains("kept"), list.out());

        Files.write(file, List.of("print,1s,one", "append,2m,two, with commas", "", "print,3d,three"));
        CliRun.Result ok = run("enqueue", "--dir", dir, "--file", file.toString());
        assertEquals(0, ok.status(), ok.err());
        assertEquals("enqueued 3 tasks", ok.out().trim());
        CliRun.Result after = run("list", "--dir", dir);
        assertTrue(after.out().startsWith("pending 4\n") && after.out().contains("two, with commas"), after.out());
        CliRun.Result stats = run("stats", "--dir", dir);
        assertTrue(stats.out().contains("pending 4"), stats.out());
    }

    @Test
    void helpForEveryCommand() {
        assertEquals(0, run("--help").status());
        for (String command : List.of("enqueue", "run", "list", "stats", "cancel", "requeue", "purge-dead")) {
            CliRun.Result r = run(command, "--help");
            assertEquals(0, r.status());
            assertTrue(r.out().contains("java -jar delay-queue.jar " + command), r.out());
        }
    }

    @Test
    void runUntilEmptyAppendsEveryTaskAndSigtermStopsCleanly() throws Exception {
        String dir = tmp.resolve("q").toString();
        Path out = tmp.resolve("out.txt");
        Path file = tmp.resolve("tasks.csv");
        Files.write(file, List.of("append,0ms,a", "append,20ms,b", "append,1ms,c"));
        assertEquals(0, run("enqueue", "--dir", dir, "--file", file.toString()).status());
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "append", "--delay", "1h", "--payload", "later").status());
        CliRun.Result early = run("run", "--dir", dir, "--until-empty");
        assertUsageError(early, "pending 'append' tasks need --append-to FILE");

        Process child = ChildJvm.start(DelayQueueMain.class, "run", "--dir", dir, "--workers", "1", "--append-to", out.toString());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(in.readLine().startsWith("running "));
            io.muxlab.delay.Eventually.await("three lines", () -> {
                try {
                    return Files.exists(out) && Files.readAllLines(out).size() == 3;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // SIGTERM through the handle: Process.destroy would also close our end of its output.
            child.toHandle().destroy();
            assertEquals(0, ChildJvm.await(child, 60), "SIGTERM exits 0");
            String summary = in.readLine();
            assertTrue(summary.startsWith("stopped: pending 1"), summary);
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of("a", "c", "b"), Files.readAllLines(out));
        CliRun.Result list = run("list", "--dir", dir);
        assertTrue(list.out().startsWith("pending 1\n") && list.out().contains("later"), list.out());
    }
}
