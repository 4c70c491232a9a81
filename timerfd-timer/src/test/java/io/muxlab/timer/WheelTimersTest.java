package io.muxlab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The wheel strategy on an injected clock, without a loop: which tick a deadline falls in, when
 * the loop would sleep until, and what expires when. (Its timerfd is real, armed at the fake
 * clock's small values, and never waited on.)
 */
final class WheelTimersTest {
    private static final long ORIGIN = 5_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void deadlinesRoundUpToTheirTickAndTheLoopSleepsUntilTheNextNonEmptyOne() {
        AtomicLong clock = new AtomicLong(ORIGIN);
        try (WheelTimers wheel = new WheelTimers(Duration.ofMillis(1), 64, clock::get)) {
            assertEquals(Long.MAX_VALUE, wheel.beforeWait(clock.get()), "empty: sleep until woken");
            TestNode<String> a = node("a", ORIGIN + 2 * MS + MS / 2);
            TestNode<String> b = node("b", ORIGIN + 2 * MS + 9 * MS / 10);
            TestNode<String> c = node("c", ORIGIN + 10 * MS);
            wheel.place(a, null);
            wheel.place(b, null);
            wheel.place(c, null);
            // a and b fall in tick 3; a deadline after tick 2 needs no earlier wake-up.
            assertEquals(ORIGIN + 2 * MS + 1, wheel.beforeWait(clock.get()));

            Expired expired = new Expired();
            wheel.expire(1, ORIGIN + 3 * MS - 1, expired);
            assertEquals(0, expired.size(), "nothing fires early");
            wheel.expire(1, ORIGIN + 3 * MS, expired);
            assertEquals(2, expired.size());
            assertSame(a, expired.timer(0));
            assertSame(b, expired.timer(1));

            assertEquals(ORIGIN + 9 * MS + 1, wheel.beforeWait(ORIGIN + 3 * MS), "the empty ticks 4..9 are skipped");
            wheel.remove(c);
            assertEquals(Long.MAX_VALUE, wheel.beforeWait(ORIGIN + 3 * MS));
        }
    }

    /**
     * The wheel adds no tick: a deadline on a boundary fires on that boundary, one just after it on
     * the next, so a deadline at a random moment is late by a uniform fraction of a tick (its p99 is
     * 0.99 of a tick), plus the loop's wake-up.
     */
    @Test
    void aDeadlineOnATickBoundaryFiresOnThatTickAndOneJustAfterOnTheNext() {
        AtomicLong clock = new AtomicLong(ORIGIN);
        try (WheelTimers wheel = new WheelTimers(Duration.ofMillis(1), 64, clock::get)) {
            TestNode<String> on = node("on", ORIGIN + 4 * MS);
            TestNode<String> after = node("after", ORIGIN + 4 * MS + 1);
            wheel.place(on, null);
            wheel.place(after, null);
            assertEquals(ORIGIN + 3 * MS + 1, wheel.beforeWait(clock.get()), "armed for tick 4 itself");
            Expired expired = new Expired();
            wheel.expire(1, ORIGIN + 4 * MS, expired);
            assertEquals(1, expired.size());
            assertSame(on, expired.timer(0));
            Expired next = new Expired();
            wheel.expire(1, ORIGIN + 5 * MS, next);
            assertSame(after, next.timer(0));
        }
    }

    @Test
    void aTimerPlacedAlreadyDueArmsTheTimerfdAtOnce() {
        AtomicLong clock = new AtomicLong(ORIGIN);
        try (WheelTimers wheel = new WheelTimers(Duration.ofMillis(1), 64, clock::get)) {
            wheel.place(node("late", ORIGIN - 5 * MS), null);
            assertEquals(ORIGIN - MS + 1, wheel.beforeWait(ORIGIN), "armed for the tick under way, not a later one");
            Expired expired = new Expired();
            wheel.expire(1, ORIGIN, expired);
            assertEquals(1, expired.size());
        }
    }

    @Test
    void aPeriodicTimerLateByThreePeriodsCountsFourExpirations() {
        AtomicLong clock = new AtomicLong(ORIGIN);
        try (WheelTimers wheel = new WheelTimers(Duration.ofMillis(1), 64, clock::get)) {
            TestNode<String> p = node("p", ORIGIN + 5 * MS);
            p.period = 2 * MS;
            wheel.place(p, null);
            Expired expired = new Expired();
            wheel.expire(1, ORIGIN + 11 * MS, expired);
            assertEquals(4, expired.count(0), "due at 5, 7, 9 and 11 ms");
        }
    }

    private static TestNode<String> node(String name, long due) {
        TestNode<String> n = new TestNode<>(name);
        n.due = due;
        return n;
    }
}
