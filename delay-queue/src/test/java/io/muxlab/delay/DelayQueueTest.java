package io.muxlab.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.log.QueueLockedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue through its API, on a clock the test moves: order, retries, cancel, restart, lock, compaction. */
class DelayQueueTest {
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    private QueueOptions options() {
        return QueueOptions.defaults().withClock(clock).withWorkers(1).withWarnings(warnings::add)
                .withRetries(3, Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    private DelayQueue open() throws Exception {
        DelayQueue q = DelayQueue.open(dir, options());
        q.register("rec", t -> ran.add(new String(t.payload(), StandardCharsets.UTF_8)));
        return q;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> ran() {
        synchronized (ran) {
            return new ArrayList<>(ran);
        }
    }

    @Test
    void runsTasksWhenDueByTheInjectedClockInDueThenEnqueueOrder() throws Exception {
        try (DelayQueue q = open()) {
            q.delay("rec", b("a"), Duration.ofMillis(1000));
            q.delay("rec", b("b"), Duration.ofMillis(500));
            q.delay("rec", b("c"), Duration.ofMillis(1000));
            q.delay("rec", b("d"), Duration.ZERO);
            q.start();
            Eventually.await("d", () -> ran.size() == 1);
            assertEquals(List.of("d"), ran());
            clock.advance(500);
            Eventually.await("b", () -> ran.size() == 2);
            assertEquals(List.of("d", "b"), ran());
            clock.advance(500);
            Eventually.await("a and c", () -> ran.size() == 4);
            assertEquals(List.of("d", "b", "a", "c"), ran());
            assertTrue(q.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(4, q.stats().executed());
        }
        try (DelayQueue q = open()) {
            assertEquals(0, q.stats().pending(), "done tasks stay done after reopening");
        }
    }

    @Test
    void aTaskYearsAwayRunsWhenTheClockGetsThereAndNotBefore() throws Exception {
        try (DelayQueue q = open()) {
            q.delay("rec", b("decade"), Duration.ofDays(3653));
            q.delay("rec", b("year"), Duration.ofDays(365));
            q.start();
            clock.advance(Duration.ofDays(365).toMillis() - 1);
            q.delay("rec", b("now"), Duration.ZERO);
            Eventually.await("now", () -> ran.size() == 1);
            assertEquals(List.of("now"), ran());
            clock.advance(1);
            Eventually.await("year", () -> ran.size() == 2);
            clock.advance(Duration.ofDays(3653 - 365).toMillis());
            Eventually.await("decade", () -> ran.size() == 3);
            assertEquals(List.of("now", "year", "decade"), ran());
        }
    }

    @Test
    void dueTasksWaitInOrderWhileEveryWorkerIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (DelayQueue q = DelayQueue.open(dir, options().withWorkers(2))) {
            q.register("block", t -> {
                most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                // Recorded as it starts: after the release, two workers finish in either order.
                ran.add(new String(t.payload(), StandardCharsets.UTF_8));
                release.await();
                concurrent.decrementAndGet();
            });
            for (int i = 0; i < 10; i++) {
                q.delay("block", b("t" + i), Duration.ZERO);
            }
            q.start();
            Eventually.await("two running", () -> q.stats().running() == 2);
            assertEquals(8, q.stats().due(), "the rest wait on the due list");
            release.countDown();
            assertTrue(q.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(2, most.get(), "never more handlers at once than workers");
            List<String> order = ran();
            assertEquals(List.of("t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"), order.subList(2, 10).stream().sorted().toList());
            assertTrue(order.indexOf("t9") >= 8, "due tasks are taken in order: " + order);
        }
    }

    @Test
    void unregisteredNameAndNegativeDelayAreErrors() throws Exception {
        try (DelayQueue q = open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> q.delay("nobody", b("x"), Duration.ZERO));
            assertTrue(e.getMessage().contains("nobody"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> q.delay("rec", b("x"), Duration.ofMillis(-1)));
            assertEquals(0, q.stats().pending());
        }
    }

    @Test
    void pendingTasksSurviveReopenAndIdsKeepGrowing() throws Exception {
        long last;
        try (DelayQueue q = open()) {
            q.delay("rec", b("one"), Duration.ofDays(365 * 10));
            last = q.delay("rec", b("two"), Duration.ofHours(1));
        }
        try (DelayQueue q = open()) {
            List<TaskInfo> pending = q.pending();
            assertEquals(List.of("two", "one"), pending.stream().map(t -> new String(t.payload(), StandardCharsets.UTF_8)).toList());
            assertEquals(T0 + 3_600_000, pending.get(0).dueMillis());
            assertTrue(q.delay("rec", b("three"), Duration.ZERO) > last);
        }
    }

    @Test
    void asyncEnqueuesCompleteWithTheirIdsOnceDurableAndSurviveReopen() throws Exception {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (DelayQueue q = DelayQueue.open(dir, options())) {
            q.register("rec", t -> { });
            for (int i = 0; i < 2000; i++) {
                futures.add(q.delayAsync("rec", b("a" + i), Duration.ofHours(1)));
            }
            CompletableFuture<long[]> batch = q.delayAllAsync(List.of(new TaskRequest("rec", b("b"), Duration.ofHours(2))));
            long previous = 0;
            for (CompletableFuture<Long> f : futures) {
                long id = f.get(30, TimeUnit.SECONDS);
                assertTrue(id > previous, "ids follow submission order from one thread");
                previous = id;
            }
            assertTrue(batch.get(30, TimeUnit.SECONDS)[0] > previous);
            assertEquals(2001, q.stats().pending());
            assertThrows(IllegalArgumentException.class, () -> q.delayAsync("nobody", b("x"), Duration.ZERO));
        }
        try (DelayQueue q = open()) {
            assertEquals(2001, q.stats().pending(), "every completed future's task is in the log");
            q.close();
            assertThrows(IllegalStateException.class, () -> q.delayAsync("rec", b("late"), Duration.ZERO), "closed: at once");
        }
    }

    @Test
    void cancelledTaskNeverRunsAndStaysCancelledAfterReopen() throws Exception {
        try (DelayQueue q = open()) {
            long id = q.delay("rec", b("x"), Duration.ofMillis(100));
            q.delay("rec", b("y"), Duration.ofMillis(100));
            assertTrue(q.cancel(id));
            assertFalse(q.cancel(id));
            assertFalse(q.cancel(12345));
            q.start();
            clock.advance(200);
            assertTrue(q.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(List.of("y"), ran());
            assertEquals(1, q.stats().cancelled());
        }
        try (DelayQueue q = open()) {
            assertEquals(0, q.stats().pending());
        }
    }

    @Test
    void failingTaskRetriesWithBackoffThenIsDeadAndCanBeRequeued() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        long id;
        try (DelayQueue q = DelayQueue.open(dir, options())) {
            q.register("flaky", t -> {
                attempts.add(t.attempt());
                if (broken.get()) {
                    throw new IllegalStateException("broken");
                }
            });
            id = q.delay("flaky", b("f"), Duration.ZERO);
            q.start();
            Eventually.await("first attempt", () -> attempts.size() == 1);
            // Backoff 100 ms, then 200 ms: the retry is not due until the clock passes it.
            Eventually.await("retry scheduled", () -> q.stats().retried() == 1);
            assertEquals(1, attempts.size());
            clock.advance(100);
            Eventually.await("second attempt", () -> attempts.size() == 2);
            Eventually.await("second retry scheduled", () -> q.stats().retried() == 2);
            clock.advance(150);
            Eventually.await("tick", () -> q.stats().pending() == 1);
            assertEquals(2, attempts.size(), "200 ms backoff not over after 150 ms");
            clock.advance(50);
            Eventually.await("dead", () -> q.stats().dead() == 1);
            assertEquals(List.of(1, 2, 3), attempts);
            assertEquals(List.of(id), q.dead().stream().map(TaskInfo::id).toList());
            assertEquals(3, q.dead().get(0).attempts());
            assertTrue(q.awaitIdle(Duration.ofSeconds(30)), "dead tasks do not count as pending");
        }
        try (DelayQueue q = DelayQueue.open(dir, options())) {
            q.register("flaky", t -> attempts.add(t.attempt()));
            assertEquals(1, q.stats().dead(), "dead survives reopen");
            assertEquals(3, q.dead().get(0).attempts());
            assertTrue(q.requeue(id));
            assertFalse(q.requeue(id));
            q.start();
            assertTrue(q.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(List.of(1, 2, 3, 1), attempts);
            assertEquals(0, q.stats().dead());
        }
        try (DelayQueue q = DelayQueue.open(dir, options())) {
            assertEquals(0, q.stats().dead() + q.stats().pending());
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("now dead")), warnings.toString());
    }

    @Test
    void startRefusesWhenARecoveredTaskHasNoHandler() throws Exception {
        try (DelayQueue q = open()) {
            q.delay("rec", b("x"), Duration.ofHours(1));
        }
        try (DelayQueue q = DelayQueue.open(dir, options())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, q::start);
            assertTrue(e.getMessage().contains("rec"), e.getMessage());
        }
    }

    @Test
    void secondOpenerInTheSameProcessIsToldThePid() throws Exception {
        try (DelayQueue q = open()) {
            assertEquals(dir, q.directory());
            QueueLockedException e = assertThrows(QueueLockedException.class, () -> DelayQueue.open(dir, options()));
            assertTrue(e.getMessage().contains(String.valueOf(ProcessHandle.current().pid())), e.getMessage());
        }
        try (DelayQueue q = open()) {
            assertEquals(0, q.stats().pending(), "the lock is released on close");
        }
    }

    @Test
    void theQueueCompactsOnItsOwnWhenFinishedTasksDominateTheLog() throws Exception {
        try (DelayQueue q = DelayQueue.open(dir, options().withLogSizes(4096, 16_384))) {
            q.register("rec", t -> { });
            q.delay("rec", b("stays"), Duration.ofHours(1));
            List<TaskRequest> batch = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                batch.add(new TaskRequest("rec", new byte[100], Duration.ZERO));
            }
            q.delayAll(batch);
            q.start();
            Eventually.await("400 executed", () -> q.stats().executed() == 400);
            // Compactions may also run while tasks still finish; the log ends small either way.
            Eventually.await("a compaction leaving a small log",
                    () -> q.stats().compactions() >= 1 && q.stats().logBytes() < 16_384);
        }
        try (DelayQueue q = open()) {
            assertEquals(List.of("stays"), q.pending().stream().map(t -> new String(t.payload(), StandardCharsets.UTF_8)).toList());
        }
    }

    @Test
    void compactionKeepsExactlyTheLiveTasksAndShrinksTheLog() throws Exception {
        List<Long> keep = new ArrayList<>();
        long bytesBefore;
        try (DelayQueue q = DelayQueue.open(dir, options().withLogSizes(8192, 1L << 40))) {
            q.register("rec", t -> ran.add("x"));
            q.register("bad", t -> {
                throw new IllegalStateException("no");
            });
            for (int i = 0; i < 300; i++) {
                q.delay("rec", new byte[100], Duration.ZERO);
            }
            for (int i = 0; i < 5; i++) {
                keep.add(q.delay("rec", b("keep" + i), Duration.ofHours(1)));
            }
            long cancelled = q.delay("rec", b("gone"), Duration.ofHours(1));
            q.cancel(cancelled);
            long dead = q.delay("bad", b("dead"), Duration.ZERO);
            q.start();
            Eventually.await("300 executed", () -> q.stats().executed() == 300);
            Eventually.await("dead", () -> {
                clock.advance(100);
                return q.stats().dead() == 1;
            });
            bytesBefore = q.stats().logBytes();
            assertTrue(q.stats().logFiles() > 2, "several segments before compaction");
            q.compact();
            assertTrue(q.stats().logBytes() < bytesBefore / 5, q.stats().logBytes() + " vs " + bytesBefore);
            assertEquals(2, q.stats().logFiles(), "one base and the current segment");
            q.delay("rec", b("after"), Duration.ofHours(2));
        }
        try (DelayQueue q = open()) {
            List<String> payloads = q.pending().stream().map(t -> new String(t.payload(), StandardCharsets.UTF_8)).toList();
            assertTrue(payloads.containsAll(List.of("keep0", "keep1", "keep2", "keep3", "keep4", "after")), payloads.toString());
            assertEquals(q.pending().stream().map(TaskInfo::id).filter(keep::contains).toList(), keep);
            assertTrue(q.delay("rec", b("next"), Duration.ZERO) > keep.get(4) + 2, "ids are not reused after compaction");
        }
    }
}
