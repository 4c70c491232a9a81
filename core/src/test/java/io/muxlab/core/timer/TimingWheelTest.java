package io.muxlab.core.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one wheel: the worked example of its class comment, FIFO within a tick, any delay, jumps
 * over empty time, the next due tick, and a random run held against a plain list.
 */
final class TimingWheelTest {

    @Test
    void theWorkedExampleOfTheClassComment() {
        TimingWheel w = wheel(4, 9, 3);
        w.add(0, 10);
        w.add(1, 13);
        w.add(2, 40);
        assertEquals(10, w.nextDueTick());
        w.advanceTo(12);
        assertEquals(List.of(0), drain(w));
        assertEquals(13, w.nextDueTick(), "13 cascaded to level 0 on entering 12..15");
        w.advanceTo(39);
        assertEquals(List.of(1), drain(w));
        assertEquals(40, w.nextDueTick());
        w.advanceTo(40);
        assertEquals(List.of(2), drain(w));
        assertTrue(w.isEmpty());
        assertEquals(Long.MAX_VALUE, w.nextDueTick());
    }

    @Test
    void slotsDueInTheSameTickComeOutInTheOrderTheyWereAdded() {
        TimingWheel w = wheel(64, 0, 10);
        w.add(3, 500);
        w.add(1, 500);
        w.add(7, 499);
        w.advanceTo(100); // the later adds land on a lower level than the earlier ones
        w.add(2, 500);
        w.add(0, 500);
        w.advanceTo(1_000);
        assertEquals(List.of(7, 3, 1, 2, 0), drain(w));
    }

    @Test
    void aTickAlreadyReachedIsDueAtOnce() {
        TimingWheel w = wheel(8, 100, 3);
        w.add(0, 50);
        w.add(1, 100);
        assertEquals(2, w.dueCount());
        assertEquals(Long.MAX_VALUE, w.nextDueTick(), "nothing left in the buckets: the due list is apart");
        w.add(2, 105);
        assertEquals(105, w.nextDueTick());
        assertEquals(List.of(0, 1), drain(w));
    }

    @Test
    void anyDelayFitsAndFarTimeIsCrossedInFewSteps() {
        TimingWheel w = wheel(256, 0, 3);
        w.add(0, Long.MAX_VALUE - 1);
        w.add(1, 1L << 40);
        w.add(2, 3);
        assertEquals(3, w.nextDueTick());
        w.advanceTo(Long.MAX_VALUE - 2);
        assertEquals(List.of(2, 1), drain(w));
        assertEquals(Long.MAX_VALUE - 1, w.nextDueTick());
        w.advanceTo(Long.MAX_VALUE - 1);
        assertEquals(List.of(0), drain(w));
    }

    @Test
    void removeWorksInABucketAndOnTheDueListAndOnlyOnce() {
        TimingWheel w = wheel(16, 0, 4);
        w.add(0, 5);
        w.add(1, 5);
        w.add(2, 5_000);
        w.add(3, 5);
        assertTrue(w.remove(1));
        assertFalse(w.remove(1));
        assertTrue(w.remove(2));
        w.advanceTo(5);
        assertTrue(w.remove(0), "on the due list");
        assertEquals(List.of(3), drain(w));
        assertTrue(w.isEmpty());
        assertEquals(Long.MAX_VALUE, w.nextDueTick(), "a removed slot leaves no occupied bucket behind");
        assertThrows(IllegalStateException.class, () -> {
            w.add(0, 9);
            w.add(0, 9);
        });
    }

    @Test
    void theNextDueTickInAHigherBucketIsExactUpToTheScanLimitAndALowerBoundBeyond() {
        TimingWheel few = wheel(16, 0, 3);
        few.add(0, 200);
        few.add(1, 170);
        few.add(2, 190);
        assertEquals(170, few.nextDueTick(), "least of a level-1 bucket (160..175 is bucket 10) and beyond");

        int many = TimingWheel.SCAN_LIMIT + 1;
        TimingWheel crowded = wheel(16, 0, many);
        for (int s = 0; s < many; s++) {
            crowded.add(s, 200 + s % 3);
        }
        assertEquals(192, crowded.nextDueTick(), "start of bucket 192..207: the wheel wakes there and cascades");
        crowded.advanceTo(192);
        assertEquals(200, crowded.nextDueTick(), "exact once on level 0");
    }

    @Test
    void anEmptyWheelJumpsAndTheClockNeverGoesBack() {
        TimingWheel w = wheel(8, 0, 1);
        w.advanceTo(1_000_000);
        assertEquals(1_000_000, w.currentTick());
        w.advanceTo(5);
        assertEquals(1_000_000, w.currentTick());
        w.add(0, 1_000_001);
        assertEquals(1_000_001, w.nextDueTick());
    }

    @Test
    void forEachVisitsEverySlotOnce() {
        TimingWheel w = wheel(8, 0, 5);
        for (int s = 0; s < 5; s++) {
            w.add(s, s * 100L);
        }
        List<Integer> seen = new ArrayList<>();
        w.forEach(seen::add);
        seen.sort(Comparator.naturalOrder());
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TimingWheel(100, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimingWheel(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimingWheel(131_072, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimingWheel(64, -1));
    }

    /** Random adds, removes and advances, each slot's firing checked against a plain model. */
    @Test
    void aRandomRunAgreesWithAPlainList() {
        for (int slots : new int[] {2, 4, 64, 256}) {
            Random random = new Random(slots);
            int capacity = 500;
            TimingWheel w = wheel(slots, 0, capacity);
            long[] due = new long[capacity];
            long[] addedAt = new long[capacity];
            boolean[] live = new boolean[capacity];
            long order = 0;
            long now = 0;
            for (int step = 0; step < 20_000; step++) {
                int s = random.nextInt(capacity);
                int op = random.nextInt(10);
                if (op < 5 && !live[s]) {
                    long delay = random.nextInt(4) == 0 ? random.nextInt(1 << 20) : random.nextInt(300);
                    due[s] = now + delay;
                    addedAt[s] = order++;
                    live[s] = true;
                    w.add(s, due[s]);
                } else if (op < 7) {
                    assertEquals(live[s], w.remove(s));
                    live[s] = false;
                } else {
                    long next = w.nextDueTick();
                    long expected = Long.MAX_VALUE;
                    for (int i = 0; i < capacity; i++) {
                        if (live[i] && due[i] > now) {
                            expected = Math.min(expected, due[i]);
                        }
                    }
                    assertTrue(next <= expected, "next due tick " + next + " is after " + expected);
                    now += random.nextInt(8) == 0 ? random.nextInt(1 << 16) : random.nextInt(50);
                    w.advanceTo(now);
                    List<Integer> fired = drain(w);
                    List<Integer> model = new ArrayList<>();
                    for (int i = 0; i < capacity; i++) {
                        if (live[i] && due[i] <= now) {
                            model.add(i);
                            live[i] = false;
                        }
                    }
                    model.sort(Comparator.<Integer>comparingLong(i -> due[i]).thenComparingLong(i -> addedAt[i]));
                    assertEquals(model, fired, slots + " slots per level, step " + step);
                }
            }
        }
    }

    private static TimingWheel wheel(int slotsPerLevel, long start, int capacity) {
        TimingWheel w = new TimingWheel(slotsPerLevel, start);
        w.ensureCapacity(capacity);
        return w;
    }

    private static List<Integer> drain(TimingWheel w) {
        List<Integer> out = new ArrayList<>();
        for (int s = w.pollDue(); s >= 0; s = w.pollDue()) {
            out.add(s);
        }
        return out;
    }
}
