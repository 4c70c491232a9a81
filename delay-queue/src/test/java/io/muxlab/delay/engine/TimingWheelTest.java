package io.muxlab.delay.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The wheel alone, driven tick by tick and by big jumps: never early, never lost, due order, ties by add order. */
class TimingWheelTest {

    private static List<Integer> drain(TimingWheel w) {
        List<Integer> out = new ArrayList<>();
        for (int s = w.pollDue(); s >= 0; s = w.pollDue()) {
            out.add(s);
        }
        return out;
    }

    @Test
    void alreadyDueGoesStraightToTheDueList() {
        TimingWheel w = new TimingWheel(64, 1000);
        w.ensureCapacity(4);
        w.add(0, 1000);
        w.add(1, 3);
        assertEquals(List.of(0, 1), drain(w));
    }

    @Test
    void sameTickFiresInAddOrderEvenAcrossLevels() {
        TimingWheel w = new TimingWheel(64, 0);
        w.ensureCapacity(10);
        // Slot 0 is added far away (a high level); later slots are added as the clock nears the tick.
        long target = 64 * 64 * 3 + 5;
        w.add(0, target);
        w.advanceTo(64 * 64 * 3 - 10);
        w.add(1, target);
        w.advanceTo(target - 1);
        w.add(2, target);
        assertTrue(drain(w).isEmpty());
        w.advanceTo(target);
        assertEquals(List.of(0, 1, 2), drain(w));
    }

    @Test
    void neverFiresEarlyAndFiresEverythingDueInOrder() {
        Random rnd = new Random(42);
        int n = 20_000;
        TimingWheel w = new TimingWheel(64, 123_456);
        w.ensureCapacity(n);
        long[] due = new long[n];
        long[] addedAt = new long[n];
        int added = 0;
        long now = 123_456;
        List<long[]> fired = new ArrayList<>();
        while (added < n || w.size() > 0) {
            for (int k = 0; k < 50 && added < n; k++) {
                long range = switch (rnd.nextInt(4)) {
                    case 0 -> 10;
                    case 1 -> 5_000;
                    case 2 -> 10_000_000;
                    default -> 40_000_000_000L; // over a decade of 10 ms ticks
                };
                due[added] = now + (long) (rnd.nextDouble() * range);
                addedAt[added] = now;
                w.add(added, due[added]);
                added++;
            }
            // Jumps of every size, including huge ones, so empty stretches are skipped.
            now += rnd.nextInt(10) == 0 ? (long) (rnd.nextDouble() * 1_000_000_000L) : rnd.nextInt(300);
            w.advanceTo(now);
            for (int s : drain(w)) {
                assertTrue(due[s] <= now, "slot " + s + " fired early");
                fired.add(new long[] {s, due[s]});
            }
            if (added == n && w.size() > 0 && rnd.nextInt(5) == 0) {
                now += 40_000_000_000L;
            }
        }
        assertEquals(n, fired.size());
        for (long[] f : fired) {
            assertTrue(f[1] >= addedAt[(int) f[0]]);
        }
    }

    @Test
    void firesInDueOrderWhenTheClockSteps() {
        Random rnd = new Random(7);
        int n = 5000;
        TimingWheel w = new TimingWheel(64, 0);
        w.ensureCapacity(n);
        long[] due = new long[n];
        for (int i = 0; i < n; i++) {
            due[i] = rnd.nextInt(300_000);
            w.add(i, due[i]);
        }
        List<Integer> order = new ArrayList<>();
        for (long t = 0; t <= 300_000; t += 1 + rnd.nextInt(3)) {
            w.advanceTo(t);
            order.addAll(drain(w));
        }
        w.advanceTo(300_001);
        order.addAll(drain(w));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        expected.sort(Comparator.<Integer>comparingLong(i -> due[i]).thenComparing(i -> i));
        // advanceTo visits every tick that has tasks, so even multi-tick steps keep due order, ties by add order.
        assertEquals(expected, order);
    }

    @Test
    void removeWorksInBucketsAndOnTheDueList() {
        TimingWheel w = new TimingWheel(64, 0);
        w.ensureCapacity(6);
        w.add(0, 5);
        w.add(1, 5);
        w.add(2, 5);
        w.add(3, 100_000);
        w.add(4, 0);
        w.add(5, 0);
        assertTrue(w.remove(1));
        assertTrue(w.remove(3));
        assertTrue(w.remove(4));
        assertFalse(w.remove(4));
        assertEquals(3, w.size());
        w.advanceTo(1_000_000);
        assertEquals(List.of(5, 0, 2), drain(w));
        assertEquals(0, w.size());
        w.add(1, 1_000_001);
        w.advanceTo(1_000_001);
        assertEquals(List.of(1), drain(w));
    }
}
