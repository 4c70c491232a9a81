package io.muxlab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The wheel on its own, driven tick by tick: the test is the clock. */
final class TimingWheelTest {

    @Test
    void theWorkedExampleOfTheClassComment() {
        TimingWheel<TestNode<String>> wheel = new TimingWheel<>(4, 0);
        TestNode<String> nine = new TestNode<>("nine");
        wheel.add(nine, 9);
        assertEquals(1 * 4 + 2, nine.index, "level 1, slot 2");
        List<Long> firedAt = new ArrayList<>();
        wheel.advanceTo(7, e -> firedAt.add(wheel.nextTick() - 1));
        assertEquals(1 * 4 + 2, nine.index, "still waiting on level 1");
        wheel.advanceTo(8, e -> firedAt.add(wheel.nextTick() - 1));
        assertEquals(1, nine.index, "cascaded at tick 8 to level 0, slot 1");
        wheel.advanceTo(20, e -> firedAt.add(wheel.nextTick() - 1));
        assertEquals(List.of(9L), firedAt);
        assertTrue(wheel.isEmpty());
    }

    @Test
    void everyEntryFiresExactlyAtItsTickThroughEveryLevel() {
        for (int slots : new int[] {2, 4, 64, 256}) {
            TimingWheel<TestNode<Integer>> wheel = new TimingWheel<>(slots, 0);
            Random random = new Random(slots);
            Map<Integer, Long> due = new HashMap<>();
            Map<Integer, Long> fired = new HashMap<>();
            int id = 0;
            for (; id < 3_000; id++) {
                long tick = random.nextInt(70_000);
                due.put(id, tick);
                wheel.add(new TestNode<>(id), tick);
            }
            for (long t = 0; t <= 80_000; t++) {
                long now = t;
                wheel.advanceTo(t, e -> fired.put(e.value, now));
                if (t % 50 == 0 && t < 70_000) { // more, relative to where the wheel is
                    long tick = wheel.nextTick() + random.nextInt(5_000);
                    due.put(id, tick);
                    wheel.add(new TestNode<>(id++), tick);
                }
            }
            assertEquals(due, fired, "slots " + slots);
            assertTrue(wheel.isEmpty());
        }
    }

    @Test
    void entriesAddedWhileTurningFireOnTheirTick() {
        TimingWheel<TestNode<Long>> wheel = new TimingWheel<>(8, 0);
        Random random = new Random(3);
        List<String> wrong = new ArrayList<>();
        int added = 0;
        int[] fired = {0};
        for (long t = 0; t < 50_000; t++) {
            if (t % 7 == 0) {
                long tick = t + 1 + random.nextInt(20_000);
                wheel.add(new TestNode<>(tick), tick);
                added++;
            }
            long now = t;
            wheel.advanceTo(t, e -> {
                fired[0]++;
                if (e.value != now) {
                    wrong.add("due " + e.value + " fired " + now);
                }
            });
        }
        wheel.advanceTo(80_000, e -> {
            fired[0]++;
            if (e.value >= 50_000 && e.value != wheel.nextTick() - 1) {
                wrong.add("due " + e.value + " fired " + (wheel.nextTick() - 1));
            }
        });
        assertEquals(List.of(), wrong);
        assertEquals(added, fired[0]);
    }

    @Test
    void removedEntriesNeverFire() {
        TimingWheel<TestNode<Integer>> wheel = new TimingWheel<>(16, 0);
        List<TestNode<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            TestNode<Integer> e = new TestNode<>(i);
            wheel.add(e, i * 37L);
            entries.add(e);
        }
        for (int i = 0; i < entries.size(); i += 2) {
            wheel.remove(entries.get(i));
            wheel.remove(entries.get(i));
            assertFalse(wheel.contains(entries.get(i)));
        }
        assertEquals(500, wheel.size());
        List<Integer> fired = new ArrayList<>();
        wheel.advanceTo(40_000, e -> fired.add(e.value));
        assertEquals(500, fired.size());
        assertTrue(fired.stream().allMatch(v -> v % 2 == 1));
    }

    @Test
    void aPastTickFiresOnTheNextTick() {
        TimingWheel<TestNode<String>> wheel = new TimingWheel<>(4, 100);
        wheel.add(new TestNode<>("late"), 3);
        List<Long> at = new ArrayList<>();
        wheel.advanceTo(100, e -> at.add(wheel.nextTick() - 1));
        assertEquals(List.of(100L), at);
    }

    @Test
    void anyDelayFitsAndAnEmptyWheelJumps() {
        TimingWheel<TestNode<String>> wheel = new TimingWheel<>(256, 0);
        assertEquals(8, wheel.levels());
        TestNode<String> far = new TestNode<>("far");
        wheel.add(far, (1L << 62) + 12_345);
        List<String> fired = new ArrayList<>();
        wheel.advanceTo(1_000_000, e -> fired.add(e.value));
        assertEquals(List.of(), fired);
        assertEquals(1, wheel.size());
        wheel.remove(far);
        wheel.advanceTo(Long.MAX_VALUE - 1, e -> fired.add(e.value)); // empty: O(1)
        assertEquals(Long.MAX_VALUE, wheel.nextTick());

        TimingWheel<TestNode<String>> binary = new TimingWheel<>(2, 0);
        assertEquals(63, binary.levels());
        long deep = (1L << 20) + 12_345;
        binary.add(new TestNode<>("deep"), deep);
        List<Long> at = new ArrayList<>();
        binary.advanceTo(deep + 10, e -> at.add(binary.nextTick() - 1));
        assertEquals(List.of(deep), at, "cascaded down twenty levels onto its tick");
    }

    @Test
    void slotsMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new TimingWheel<TestNode<String>>(100, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimingWheel<TestNode<String>>(1, 0));
    }
}
