package io.muxlab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.sys.Syscall;
import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every strategy keeps, written once; one subclass per strategy supplies the
 * service. Timing is asserted only in directions a loaded machine cannot break: a timer never
 * fires before its deadline, a cancelled one never fires, and "it fired" is awaited for seconds.
 */
abstract class TimerServiceContract {
    /** How long a test waits for something that should happen within milliseconds. */
    static final long PATIENCE_SECONDS = 10;

    TimerService service;

    abstract TimerService create();

    @BeforeEach
    void start() {
        service = create();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void oneShotFiresOnceNoEarlierThanItsDelay() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicLong firedAt = new AtomicLong();
        AtomicLong counts = new AtomicLong();
        long before = System.nanoTime();
        Timer timer = service.schedule(Duration.ofMillis(50), (t, n) -> {
            firedAt.set(System.nanoTime());
            counts.addAndGet(n);
            fired.countDown();
        });
        assertTrue(timer.isActive());
        assertEquals(Duration.ZERO, timer.period());
        await(fired);
        assertTrue(firedAt.get() - before >= TimeUnit.MILLISECONDS.toNanos(50), "fired before its delay");
        Thread.sleep(100);
        assertEquals(1, counts.get());
        assertEquals(1, timer.expirations());
        assertFalse(timer.isActive());
        assertEquals(Duration.ZERO, timer.remaining());
        assertFalse(timer.cancel(), "cancel after firing reports nothing stopped");
        assertEquals(0, service.activeTimers());
    }

    @Test
    void zeroAndNegativeDelaysFireAsSoonAsPossible() throws Exception {
        CountDownLatch fired = new CountDownLatch(2);
        service.schedule(Duration.ZERO, (t, n) -> fired.countDown());
        service.schedule(Duration.ofSeconds(-5), (t, n) -> fired.countDown());
        await(fired);
    }

    @Test
    void timersFireInDeadlineOrder() throws Exception {
        List<Integer> order = new ArrayList<>();
        CountDownLatch fired = new CountDownLatch(3);
        service.schedule(Duration.ofMillis(150), (t, n) -> record(order, 3, fired));
        service.schedule(Duration.ofMillis(10), (t, n) -> record(order, 1, fired));
        service.schedule(Duration.ofMillis(80), (t, n) -> record(order, 2, fired));
        await(fired);
        synchronized (order) {
            assertEquals(List.of(1, 2, 3), order);
        }
    }

    @Test
    void periodicTimerFiresRepeatedlyUntilCancelled() throws Exception {
        AtomicLong total = new AtomicLong();
        CountDownLatch fiveTimes = new CountDownLatch(5);
        long before = System.nanoTime();
        AtomicLong first = new AtomicLong();
        Timer timer = service.scheduleAtFixedRate(Duration.ofMillis(30), Duration.ofMillis(10), (t, n) -> {
            first.compareAndSet(0, System.nanoTime());
            total.addAndGet(n);
            for (long i = 0; i < n; i++) {
                fiveTimes.countDown();
            }
        });
        assertEquals(Duration.ofMillis(10), timer.period());
        await(fiveTimes);
        assertTrue(first.get() - before >= TimeUnit.MILLISECONDS.toNanos(30), "first expiration before the initial delay");
        assertTrue(timer.isActive());
        assertTrue(timer.cancel());
        assertFalse(timer.isActive());
        long atCancel = total.get();
        Thread.sleep(100);
        assertEquals(atCancel, total.get(), "fired after cancel");
        assertEquals(atCancel, timer.expirations(), "every expiration reached a callback");
        assertEquals(0, service.activeTimers());
    }

    @Test
    void overrunsOfABlockedLoopAreReportedAsACount() throws Exception {
        AtomicLong maxCount = new AtomicLong();
        AtomicLong total = new AtomicLong();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch overrunSeen = new CountDownLatch(1);
        Timer periodic = service.scheduleAtFixedRate(Duration.ofMillis(5), Duration.ofMillis(10), (t, n) -> {
            total.addAndGet(n);
            maxCount.accumulateAndGet(n, Math::max);
            if (n >= 2) {
                overrunSeen.countDown();
            }
        });
        service.schedule(Duration.ofMillis(20), (t, n) -> {
            sleep(150); // holds the loop for 15 periods
            blocked.countDown();
        });
        await(blocked);
        await(overrunSeen);
        periodic.cancel();
        assertTrue(maxCount.get() >= 2, "missed expirations were not reported");
        assertEquals(total.get(), periodic.expirations(), "an expiration was dropped");
    }

    @Test
    void cancelBeforeFiringStopsItAndIsIdempotent() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Timer timer = service.schedule(Duration.ofMillis(100), (t, n) -> calls.incrementAndGet());
        assertEquals(1, service.activeTimers());
        assertTrue(timer.cancel());
        assertFalse(timer.cancel());
        assertFalse(timer.isActive());
        assertEquals(Duration.ZERO, timer.remaining());
        assertEquals(0, service.activeTimers());
        Thread.sleep(300);
        assertEquals(0, calls.get());
    }

    @Test
    void exactlyOneOfManyRacingCancelsWins() throws Exception {
        Timer timer = service.schedule(Duration.ofSeconds(60), (t, n) -> { });
        int threads = 4;
        CyclicBarrier go = new CyclicBarrier(threads);
        AtomicInteger wins = new AtomicInteger();
        List<Thread> cancellers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> {
                try {
                    go.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                    if (timer.cancel()) {
                        wins.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            th.start();
            cancellers.add(th);
        }
        for (Thread th : cancellers) {
            th.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        }
        assertEquals(1, wins.get());
        assertEquals(0, service.activeTimers());
    }

    @Test
    void aPeriodicTimerCanCancelItselfFromItsCallback() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch cancelled = new CountDownLatch(1);
        service.scheduleAtFixedRate(Duration.ofMillis(5), Duration.ofMillis(5), (t, n) -> {
            if (calls.incrementAndGet() == 3) {
                assertTrue(t.cancel());
                cancelled.countDown();
            }
        });
        await(cancelled);
        Thread.sleep(100);
        assertEquals(3, calls.get());
        assertEquals(0, service.activeTimers());
    }

    @Test
    void cancelWhileTheCallbackRunsStopsEveryLaterCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Timer timer = service.scheduleAtFixedRate(Duration.ofMillis(5), Duration.ofMillis(5), (t, n) -> {
            calls.incrementAndGet();
            inCallback.countDown();
            awaitQuietly(release);
        });
        await(inCallback);
        assertTrue(timer.isActive(), "a periodic timer is live while its callback runs");
        assertTrue(timer.cancel(), "cancel during the callback stops a live timer");
        release.countDown();
        Thread.sleep(100);
        assertEquals(1, calls.get(), "called again after cancel returned");
    }

    @Test
    void rescheduleMovesALiveTimerToItsNewDeadline() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicLong firedAt = new AtomicLong();
        Timer timer = service.schedule(Duration.ofMillis(30), (t, n) -> {
            firedAt.set(System.nanoTime());
            fired.countDown();
        });
        long rescheduledAt = System.nanoTime();
        timer.reschedule(Duration.ofMillis(300), Duration.ZERO);
        await(fired);
        assertTrue(firedAt.get() - rescheduledAt >= TimeUnit.MILLISECONDS.toNanos(300), "fired at the old deadline");
        assertEquals(1, timer.expirations());
        assertEquals(0, service.activeTimers());
    }

    @Test
    void rescheduleTurnsOneShotIntoPeriodicAndBack() throws Exception {
        AtomicLong calls = new AtomicLong();
        CountDownLatch threeCalls = new CountDownLatch(3);
        Timer timer = service.schedule(Duration.ofHours(1), (t, n) -> {
            calls.incrementAndGet();
            threeCalls.countDown();
        });
        timer.reschedule(Duration.ofMillis(5), Duration.ofMillis(5));
        assertEquals(Duration.ofMillis(5), timer.period());
        await(threeCalls);

        timer.reschedule(Duration.ofMillis(300), Duration.ZERO);
        long callsAtReschedule = calls.get();
        assertEquals(Duration.ZERO, timer.period());
        assertTrue(timer.isActive());
        awaitCondition(() -> !timer.isActive());
        Thread.sleep(100);
        // One periodic call may have been under way when reschedule was called; then exactly one more.
        long after = calls.get() - callsAtReschedule;
        assertTrue(after == 1 || after == 2, "one-shot after periodic fired " + after + " times");
        assertEquals(1, timer.expirations(), "the count starts again at reschedule");
        assertEquals(0, service.activeTimers());
    }

    @Test
    void rescheduleFromInsideTheCallbackAndOfAFinishedTimer() throws Exception {
        CountDownLatch twice = new CountDownLatch(2);
        Timer timer = service.schedule(Duration.ofMillis(5), (t, n) -> {
            twice.countDown();
            if (twice.getCount() == 1) {
                t.reschedule(Duration.ofMillis(5), Duration.ZERO);
            }
        });
        await(twice);
        awaitCondition(() -> !timer.isActive());

        CountDownLatch again = new CountDownLatch(1);
        Timer finished = service.schedule(Duration.ZERO, (t, n) -> again.countDown());
        await(again);
        awaitCondition(() -> !finished.isActive());
        CountDownLatch third = new CountDownLatch(1);
        Timer revived = service.schedule(Duration.ofHours(1), (t, n) -> third.countDown());
        revived.cancel();
        revived.reschedule(Duration.ofMillis(1), Duration.ZERO);
        await(third);
        assertEquals(1, revived.expirations());
        assertThrows(IllegalArgumentException.class, () -> timer.reschedule(Duration.ZERO, Duration.ofMillis(-1)));
    }

    @Test
    void remainingCountsDownToTheDeadline() {
        Timer timer = service.schedule(Duration.ofSeconds(10), (t, n) -> { });
        Duration left = timer.remaining();
        assertTrue(left.compareTo(Duration.ofSeconds(10)) <= 0 && left.compareTo(Duration.ofSeconds(5)) > 0, left.toString());
        Timer periodic = service.scheduleAtFixedRate(Duration.ofSeconds(20), Duration.ofSeconds(1), (t, n) -> { });
        assertTrue(periodic.remaining().compareTo(Duration.ofSeconds(15)) > 0);
        assertEquals(2, service.activeTimers());
        timer.cancel();
        assertEquals(Duration.ZERO, timer.remaining());
        assertThrows(IllegalArgumentException.class,
                () -> service.scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, (t, n) -> { }));
    }

    @Test
    void schedulingFromManyThreadsFiresEveryTimerOnce() throws Exception {
        int threads = 4;
        int perThread = 250;
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(threads * perThread);
        List<Thread> schedulers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> {
                for (int k = 0; k < perThread; k++) {
                    service.schedule(Duration.ofMillis(k % 20), (t, n) -> {
                        calls.incrementAndGet();
                        all.countDown();
                    });
                }
            });
            th.start();
            schedulers.add(th);
        }
        for (Thread th : schedulers) {
            th.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        }
        await(all);
        Thread.sleep(50);
        assertEquals(threads * perThread, calls.get());
        assertEquals(0, service.activeTimers());
    }

    @Test
    void aThrowingCallbackDoesNotStopTheLoop() throws Exception {
        CountDownLatch threw = new CountDownLatch(1);
        CountDownLatch later = new CountDownLatch(1);
        service.schedule(Duration.ZERO, (t, n) -> {
            threw.countDown();
            throw new IllegalStateException("thrown on purpose by a test: the loop logs it and goes on");
        });
        await(threw);
        service.schedule(Duration.ofMillis(5), (t, n) -> later.countDown());
        await(later);
    }

    @Test
    void noWakeUpsWhileNothingIsArmed() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        service.schedule(Duration.ZERO, (t, n) -> fired.countDown());
        await(fired);
        awaitCondition(() -> service.activeTimers() == 0);
        assertEquals(0, quietestWindow(), "the loop woke up with nothing armed");
    }

    @Test
    void noWakeUpsWhileOnlyFarFutureTimersAreArmed() throws Exception {
        for (int i = 0; i < 100; i++) {
            service.schedule(Duration.ofHours(1).plusSeconds(i), (t, n) -> { });
        }
        CountDownLatch fired = new CountDownLatch(1);
        service.schedule(Duration.ZERO, (t, n) -> fired.countDown());
        await(fired);
        long wakeUps = quietestWindow();
        assertEquals(0, wakeUps, "the loop woke up with nothing due");
    }

    /**
     * The fewest epoll_wait calls (process-wide; only this test's service makes them) seen in a
     * 200 ms window, trying a few windows: a loaded machine may take a while to let the loop
     * settle into its wait, but a loop that keeps waking up never shows a quiet window.
     */
    static long quietestWindow() throws InterruptedException {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 8 && fewest > 0; i++) {
            long before = Syscall.EPOLL_WAIT.calls();
            Thread.sleep(200);
            fewest = Math.min(fewest, Syscall.EPOLL_WAIT.calls() - before);
        }
        return fewest;
    }

    @Test
    void closeCancelsEveryTimerAndReleasesEveryDescriptorAndByte() throws Exception {
        service.close();
        int fdsBefore = openDescriptors();
        long bytesBefore = NativeMemory.liveBytes();
        TimerService s = create();
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            timers.add(s.schedule(Duration.ofMinutes(10).plusMillis(i), (t, n) -> { }));
        }
        timers.add(s.scheduleAtFixedRate(Duration.ofMillis(1), Duration.ofMillis(1), (t, n) -> { }));
        CountDownLatch fired = new CountDownLatch(1);
        s.schedule(Duration.ZERO, (t, n) -> fired.countDown());
        await(fired);
        assertTrue(openDescriptors() > fdsBefore);
        s.close();
        s.close();
        assertEquals(0, s.activeTimers());
        for (Timer t : timers) {
            assertFalse(t.isActive());
            assertFalse(t.cancel(), "close cancelled it already");
        }
        assertThrows(IllegalStateException.class, () -> s.schedule(Duration.ZERO, (t, n) -> { }));
        assertThrows(IllegalStateException.class, () -> timers.get(0).reschedule(Duration.ZERO, Duration.ZERO));
        assertEquals(fdsBefore, openDescriptors(), "descriptors left open");
        assertEquals(bytesBefore, NativeMemory.liveBytes(), "native memory left allocated");
    }

    @Test
    void closeFromACallbackStopsTheLoopOnceItReturns() throws Exception {
        service.close();
        int fdsBefore = openDescriptors();
        TimerService s = create();
        Timer far = s.schedule(Duration.ofHours(1), (t, n) -> { });
        CountDownLatch closed = new CountDownLatch(1);
        s.schedule(Duration.ZERO, (t, n) -> {
            s.close();
            closed.countDown();
        });
        await(closed);
        // The loop closes its descriptors once the callback has returned. (At most as many as
        // before: the JVM may close a descriptor of its own meanwhile.)
        awaitCondition(() -> !far.isActive() && openDescriptors() <= fdsBefore);
        s.close();
        assertTrue(openDescriptors() <= fdsBefore, "descriptors left open");
    }

    @Test
    void noWakeUpIsLostUnderChurnFromOtherThreads() throws Exception {
        for (int round = 0; round < 10; round++) {
            List<Thread> churners = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        service.schedule(Duration.ofHours(1), (t, n) -> { }).cancel();
                    }
                });
                th.start();
                churners.add(th);
            }
            for (Thread th : churners) {
                th.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            }
            CountDownLatch fired = new CountDownLatch(1);
            service.schedule(Duration.ZERO, (t, n) -> fired.countDown());
            await(fired);
        }
        assertEquals(0, service.activeTimers());
    }

    @Test
    void closeReturnsWhileOtherThreadsKeepSchedulingAndCancelling() throws Exception {
        service.close();
        for (int round = 0; round < 20; round++) {
            TimerService s = create();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread churn = new Thread(() -> {
                try {
                    for (int i = 0; i < 200_000 && !stop.get(); i++) {
                        s.schedule(Duration.ofMillis(i % 50), (t, n) -> { }).cancel();
                    }
                } catch (IllegalStateException closed) {
                    // the service closed under us: expected
                }
            });
            churn.start();
            Thread.sleep(round % 5);
            Thread closer = new Thread(s::close);
            closer.start();
            closer.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            stop.set(true);
            churn.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertFalse(closer.isAlive(), "close() did not return (round " + round + ")");
            assertEquals(0, s.activeTimers());
        }
    }

    static int openDescriptors() {
        String[] entries = new java.io.File("/proc/self/fd").list();
        // list() itself holds one descriptor open while it reads the directory.
        return entries == null ? -1 : entries.length;
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "timed out waiting " + PATIENCE_SECONDS + " s");
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting " + PATIENCE_SECONDS + " s");
            Thread.sleep(5);
        }
    }

    private static void record(List<Integer> order, int value, CountDownLatch fired) {
        synchronized (order) {
            order.add(value);
        }
        fired.countDown();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
