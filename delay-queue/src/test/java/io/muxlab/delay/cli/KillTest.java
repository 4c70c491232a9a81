package io.muxlab.delay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while enqueueing and executing, then while executing under load, then a clean run to
 * empty: every acknowledged enqueue ran at least once (the append file is the record), and the
 * extra runs are no more than the tasks that can be in flight at a kill (one per worker).
 */
class KillTest {
    private static final int WORKERS = 4;

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedTaskRunsAtLeastOnceAcrossKills() throws Exception {
        Path dir = tmp.resolve("q");
        Path out = tmp.resolve("executed.txt");
        int kills = 0;

        // 1. Producers and workers at once; SIGKILL after a few hundred acknowledgements.
        Set<String> acked = new HashSet<>();
        Process load = ChildJvm.start(LoadMain.class, dir.toString(), out.toString(), "4", "400");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("ack ") && line.endsWith(" .")) {
                    acked.add(line.substring(4, line.length() - 2));
                }
                if (acked.size() >= 600 || line.equals("all enqueued .")) {
                    break;
                }
            }
        } finally {
            ChildJvm.kill(load);
        }
        kills++;
        assertTrue(acked.size() >= 600, "acknowledged " + acked.size());

        // 2. Restart with the command line's run, and kill it again while it works through the backlog.
        for (int round = 0; round < 2; round++) {
            long linesBefore = lines(out).size();
            Process run = ChildJvm.start(DelayQueueMain.class, "run", "--dir", dir.toString(), "--workers",
                    String.valueOf(WORKERS), "--append-to", out.toString());
            try {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (lines(out).size() < linesBefore + 50 && System.nanoTime() < deadline && run.isAlive()) {
                    Thread.sleep(5);
                }
            } finally {
                ChildJvm.kill(run);
            }
            kills++;
        }

        // 3. A clean run until nothing is pending.
        Process last = ChildJvm.start(DelayQueueMain.class, "run", "--dir", dir.toString(), "--workers",
                String.valueOf(WORKERS), "--append-to", out.toString(), "--until-empty");
        assertEquals(0, ChildJvm.await(last, 120));

        Map<String, Integer> runs = new HashMap<>();
        for (String line : lines(out)) {
            runs.merge(line, 1, Integer::sum);
        }
        for (String payload : acked) {
            assertTrue(runs.containsKey(payload), "acknowledged task " + payload + " never ran");
        }
        int extra = runs.values().stream().mapToInt(n -> n - 1).sum();
        assertTrue(extra <= WORKERS * kills, extra + " repeated runs for " + kills + " kills of " + WORKERS + " workers");
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
