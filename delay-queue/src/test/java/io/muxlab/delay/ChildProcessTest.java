package io.muxlab.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.log.CompactionStep;
import io.muxlab.delay.log.QueueLockedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only another process can show: the directory lock across processes (also with its file deleted
 * or emptied under the holder), and a compaction killed at each step.
 */
class ChildProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondProcessIsToldTheOwnersPid() throws Exception {
        Path dir = tmp.resolve("q");
        Process child = ChildJvm.start(HoldLockMain.class, dir.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertEquals("locked " + child.pid() + " 0", line);
            QueueLockedException e = assertThrows(QueueLockedException.class, () -> DelayQueue.open(dir, QueueOptions.defaults()));
            assertTrue(e.getMessage().contains("in use by process " + child.pid()), e.getMessage());
        } finally {
            child.getOutputStream().close();
            ChildJvm.await(child, 60);
        }
        try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults())) {
            assertEquals(0, q.stats().pending(), "the lock went with the process");
        }
    }

    @Test
    void deletingOrTruncatingTheLockFileUnderAHolderLetsNoSecondWriterIn() throws Exception {
        for (String damage : List.of("delete", "truncate")) {
            Path dir = tmp.resolve(damage);
            Process child = ChildJvm.start(HoldLockMain.class, dir.toString());
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("locked " + child.pid() + " 0", out.readLine());
                Path lock = dir.resolve("lock");
                if (damage.equals("delete")) {
                    Files.delete(lock);
                } else {
                    Files.write(lock, new byte[0]);
                }
                for (int attempt = 0; attempt < 3; attempt++) {
                    QueueLockedException e = assertThrows(QueueLockedException.class,
                            () -> DelayQueue.open(dir, QueueOptions.defaults()), damage);
                    assertFalse(e.getMessage().contains("not yet written"), e.getMessage());
                }
            } finally {
                child.getOutputStream().close();
                ChildJvm.await(child, 60);
            }
            try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults())) {
                assertEquals(0, q.stats().pending(), "the holder put the lock file back as it left, " + damage);
            }
        }
    }

    @Test
    void compactionKilledAtEveryStepLosesNothing() throws Exception {
        for (CompactionStep step : CompactionStep.values()) {
            Path dir = tmp.resolve(step.name());
            List<Long> expected = prepare(dir);
            Process child = ChildJvm.start(CompactionCrashMain.class, dir.toString(), step.name());
            assertEquals(CompactionCrashMain.HALTED, ChildJvm.await(child, 60), "child halted at " + step);
            List<String> warnings = new ArrayList<>();
            try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults().withWarnings(warnings::add))) {
                assertEquals(expected, ids(q), "after a crash at " + step + " " + warnings);
                assertEquals(1, q.stats().dead(), step.name());
                q.compact();
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
            }
            try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults())) {
                assertEquals(expected, ids(q), "after compacting again, " + step);
                assertEquals(2, q.stats().logFiles());
            }
        }
    }

    private static List<Long> ids(DelayQueue q) {
        return q.pending().stream().map(TaskInfo::id).sorted().toList();
    }

    /** A queue with executed, cancelled, dead and pending tasks; returns the pending ids. */
    private static List<Long> prepare(Path dir) throws Exception {
        List<Long> pending = new ArrayList<>();
        QueueOptions options = QueueOptions.defaults().withWorkers(2).withRetries(1, Duration.ZERO, Duration.ZERO)
                .withWarnings(w -> { });
        try (DelayQueue q = DelayQueue.open(dir, options)) {
            q.register("ok", t -> { });
            q.register("bad", t -> {
                throw new IllegalStateException("fails on purpose");
            });
            for (int i = 0; i < 100; i++) {
                q.delay("ok", new byte[64], Duration.ZERO);
            }
            for (int i = 0; i < 10; i++) {
                pending.add(q.delay("ok", ("later" + i).getBytes(StandardCharsets.UTF_8), Duration.ofHours(1 + i)));
            }
            q.cancel(pending.remove(3));
            q.delay("bad", new byte[1], Duration.ZERO);
            q.start();
            Eventually.await("100 done and 1 dead", () -> q.stats().executed() == 100 && q.stats().dead() == 1);
        }
        return pending;
    }
}
