package io.muxlab.delay.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.muxlab.delay.Task;
import io.muxlab.delay.log.LogRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Whether the ticker adds a tick, on a clock set by hand to the nanosecond (no thread, no sleep):
 * a task due at t is handed out at the first tick boundary at or after t — never a tick later — and
 * the ticker's sleep ends on that boundary, not on the truncated millisecond's. So the lateness of
 * tasks due at random moments is uniform in [0, tick), plus whatever it takes to wake the ticker and
 * a worker.
 */
class TickBoundaryTest {
    private static final long TICK = 10;
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final AtomicLong nanos = new AtomicLong(1_000 * NANOS_PER_MILLI + 400_000); // 1000.4 ms
    private final InstantSource clock = () -> Instant.ofEpochSecond(0, nanos.get());
    private final TaskMachine machine = new TaskMachine(64, TICK, clock);

    @Test
    void aTaskRunsOnTheFirstBoundaryAtOrAfterItsDueTimeAndTheTickerSleepsExactlyUntilThen() {
        add(1, 1_003);
        add(2, 1_010);
        add(3, 1_011);
        long next = machine.nothingDueBefore() / TICK;
        assertEquals(1_010, next * TICK, "1003 and 1010 are due on the boundary at 1010, not at 1020");
        assertEquals(9_600_000, machine.nanosUntilTick(next, 1_000), "from 1000.4 ms to 1010.0 ms, not from 1000 ms");

        assertEquals(0, machine.advance(1_009), "nothing runs early");
        assertEquals(2, machine.advance(1_010));
        assertEquals(1, take().id());
        Task onTheBoundary = take();
        assertEquals(2, onTheBoundary.id());
        assertEquals(1_010, onTheBoundary.dueMillis(), "a handler is told when its task was due");
        assertNull(dueNow(), "1011 is not due at 1010");

        nanos.set(1_010 * NANOS_PER_MILLI + 50_000);
        assertEquals(1_020, machine.nothingDueBefore(), "1011 waits for the next boundary, one tick on");
        assertEquals(9_950_000, machine.nanosUntilTick(machine.nothingDueBefore() / TICK, 1_000));
        assertEquals(1, machine.advance(1_020));
        assertEquals(3, take().id());
    }

    @Test
    void aFarTickSleepsNoLongerThanTheBound() {
        add(1, 60_000);
        assertEquals(250 * NANOS_PER_MILLI, machine.nanosUntilTick(machine.nothingDueBefore() / TICK, 250));
    }

    private void add(long id, long dueMillis) {
        machine.lock.lock();
        try {
            machine.apply(LogRecord.add(id, dueMillis, 0, "t", new byte[0]));
        } finally {
            machine.lock.unlock();
        }
    }

    private Task take() {
        machine.lock.lock();
        try {
            return machine.take();
        } finally {
            machine.lock.unlock();
        }
    }

    /** A due task, or null when none is: take() would wait. */
    private Task dueNow() {
        machine.lock.lock();
        try {
            return machine.stats(0, 0, 0).due() == 0 ? null : machine.take();
        } finally {
            machine.lock.unlock();
        }
    }
}
