package io.muxlab.delay.cli;

import static io.muxlab.delay.cli.CliRun.assertError;
import static io.muxlab.delay.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producers while workers run: the subcommands reach a running queue through its control socket, and a kill -9 loses no acknowledged enqueue. */
class ControlSocketTest {
    private static final int WORKERS = 4;

    @TempDir
    Path tmp;

    @Test
    void subcommandsReachARunningQueueThroughItsControlSocket() throws Exception {
        String dir = tmp.resolve("q").toString();
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "print", "--delay", "1h", "--payload", "before").status());
        Process child = startRun(dir, tmp.resolve("out.txt"));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(out.readLine().startsWith("running "));
            CliRun.Result enqueued = run("enqueue", "--dir", dir, "--task", "append", "--delay", "2h", "--payload", "through the socket");
            assertEquals("enqueued task 2", enqueued.out().trim(), enqueued.err());
            CliRun.Result list = run("list", "--dir", dir);
            assertTrue(list.out().startsWith("pending 2\n") && list.out().contains("through the socket"), list.out());
            assertTrue(run("stats", "--dir", dir).out().contains("pending 2"));
            assertEquals("cancelled task 1", run("cancel", "--dir", dir, "1").out().trim());
            assertError(run("cancel", "--dir", dir, "1"), 1, "task 1 is not waiting or dead");
            Path file = tmp.resolve("tasks.csv");
            Files.write(file, List.of("append,3h,from a file", "append,3h,and another"));
            CliRun.Result bulk = run("enqueue", "--dir", dir, "--file", file.toString());
            assertEquals("enqueued 2 tasks", bulk.out().trim(), bulk.err());
            Files.write(file, List.of("append,3h,fine", "append,soon,bad"));
            CliRun.Result bad = run("enqueue", "--dir", dir, "--file", file.toString());
            assertEquals(2, bad.status(), bad.err());
            assertTrue(bad.err().contains("tasks.csv line 2: not a delay: 'soon'"), bad.err());
            assertTrue(run("list", "--dir", dir).out().startsWith("pending 3\n"), "the bad file added nothing");
            child.toHandle().destroy();
            assertEquals(0, ChildJvm.await(child, 60));
        } finally {
            child.destroyForcibly();
        }
        assertFalse(Files.exists(Path.of(dir, ControlServer.SOCKET)), "a clean stop removes the socket");
        CliRun.Result after = run("list", "--dir", dir);
        assertTrue(after.out().startsWith("pending 3\n") && after.out().contains("through the socket")
                && after.out().contains("and another"), after.out());
    }

    @Test
    void killingTheRunnerWhileProducersEnqueueThroughTheSocketLosesNoAcknowledgedTask() throws Exception {
        Path dir = tmp.resolve("q");
        Path out = tmp.resolve("executed.txt");
        assertEquals(0, run("enqueue", "--dir", dir.toString(), "--task", "append", "--payload", "seed").status());
        Process runner = startRun(dir.toString(), out);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        CountDownLatch enough = new CountDownLatch(400);
        List<Thread> producers = new ArrayList<>();
        try (BufferedReader banner = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(banner.readLine().startsWith("running "));
            for (int p = 0; p < 4; p++) {
                int producer = p;
                producers.add(new Thread(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        String payload = "p" + producer + "-" + i;
                        try {
                            if (!enqueue(dir, payload)) {
                                return;
                            }
                        } catch (IOException e) {
                            return;
                        }
                        acked.add(payload);
                        enough.countDown();
                    }
                }));
            }
            producers.forEach(Thread::start);
            assertTrue(enough.await(60, TimeUnit.SECONDS), "400 acknowledgements");
        } finally {
            ChildJvm.kill(runner);
        }
        for (Thread t : producers) {
            t.join(60_000);
        }

        Process last = new ProcessBuilder(ChildJvm.command(List.of("-Xmx256m"), DelayQueueMain.class, "run", "--dir", dir.toString(),
                "--workers", String.valueOf(WORKERS), "--append-to", out.toString(), "--until-empty"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, ChildJvm.await(last, 120));
        Map<String, Integer> runs = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            runs.merge(line, 1, Integer::sum);
        }
        for (String payload : acked) {
            assertTrue(runs.containsKey(payload), "acknowledged task " + payload + " never ran");
        }
        int extra = runs.values().stream().mapToInt(n -> n - 1).sum();
        assertTrue(extra <= WORKERS, extra + " repeated runs for one kill of " + WORKERS + " workers");
    }

    @Test
    void aQueueWhosePathNoSocketCanTakeStillRuns() throws IOException {
        String dir = Files.createDirectories(tmp.resolve("d".repeat(120))).resolve("q").toString();
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "print", "--payload", "deep").status());
        CliRun.Result r = run("run", "--dir", dir, "--until-empty");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("no control socket"), r.err());
        assertTrue(r.out().contains("deep"), r.out());
    }

    private static Process startRun(String dir, Path out) throws IOException {
        return new ProcessBuilder(ChildJvm.command(List.of("-Xmx256m"), DelayQueueMain.class, "run", "--dir", dir, "--workers",
                String.valueOf(WORKERS), "--append-to", out.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** One enqueue on the wire (see ControlCommands): true once acknowledged, false if the runner went away first. */
    private static boolean enqueue(Path dir, String payload) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dir.resolve(ControlServer.SOCKET)));
            String request = "enqueue append 0 " + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "\n";
            ByteBuffer buf = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("exit ")) {
                    return line.equals("exit 0");
                }
            }
            return false;
        }
    }
}
