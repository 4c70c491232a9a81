package io.muxlab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The heap on its own, with deadlines as plain numbers: no clock, no loop, no sleeps. */
final class TimerHeapTest {

    @Test
    void pollsInDeadlineOrderAndTiesInInsertionOrder() {
        TimerHeap<Integer> heap = new TimerHeap<>();
        Random random = new Random(42);
        List<TimerHeap.Entry<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            TimerHeap.Entry<Integer> e = new TimerHeap.Entry<>(i);
            heap.add(e, random.nextInt(100)); // many equal deadlines
            entries.add(e);
        }
        entries.sort(Comparator.<TimerHeap.Entry<Integer>>comparingLong(e -> e.deadline).thenComparing(e -> e.value));
        for (TimerHeap.Entry<Integer> expected : entries) {
            assertSame(expected, heap.pollDue(Long.MAX_VALUE));
        }
        assertTrue(heap.isEmpty());
    }

    @Test
    void pollDueLeavesWhatIsNotDueYet() {
        TimerHeap<String> heap = new TimerHeap<>();
        heap.add(new TimerHeap.Entry<>("late"), 200);
        heap.add(new TimerHeap.Entry<>("early"), 100);
        assertNull(heap.pollDue(99));
        assertEquals("early", heap.pollDue(100).value);
        assertNull(heap.pollDue(150));
        assertEquals(200, heap.peek().deadline);
        assertEquals(1, heap.size());
    }

    @Test
    void removeFromAnywhereKeepsTheOrderOfTheRest() {
        TimerHeap<Integer> heap = new TimerHeap<>();
        Random random = new Random(7);
        List<TimerHeap.Entry<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            TimerHeap.Entry<Integer> e = new TimerHeap.Entry<>(i);
            heap.add(e, random.nextInt(10_000));
            entries.add(e);
        }
        Set<Integer> removed = new HashSet<>();
        for (int i = 0; i < entries.size(); i += 3) {
            heap.remove(entries.get(i));
            heap.remove(entries.get(i)); // twice: a no-op
            assertFalse(heap.contains(entries.get(i)));
            removed.add(i);
        }
        assertEquals(entries.size() - removed.size(), heap.size());
        long last = Long.MIN_VALUE;
        TimerHeap.Entry<Integer> e;
        while ((e = heap.pollDue(Long.MAX_VALUE)) != null) {
            assertFalse(removed.contains(e.value), "a removed entry came out");
            assertTrue(e.deadline >= last);
            last = e.deadline;
        }
    }

    @Test
    void aRemovedEntryCanBeAddedAgainWithANewDeadline() {
        TimerHeap<String> heap = new TimerHeap<>();
        TimerHeap.Entry<String> a = new TimerHeap.Entry<>("a");
        TimerHeap.Entry<String> b = new TimerHeap.Entry<>("b");
        heap.add(a, 10);
        heap.add(b, 20);
        heap.remove(a);
        heap.add(a, 30);
        assertEquals("b", heap.pollDue(100).value);
        assertEquals("a", heap.pollDue(100).value);
        assertEquals(-1, a.index);
    }

    @Test
    void deadlinesCompareLikeNanoTimeAcrossOverflow() {
        TimerHeap<String> heap = new TimerHeap<>();
        heap.add(new TimerHeap.Entry<>("after the wrap"), Long.MIN_VALUE + 5);
        heap.add(new TimerHeap.Entry<>("before the wrap"), Long.MAX_VALUE - 5);
        assertEquals("before the wrap", heap.peek().value);
        assertNull(heap.pollDue(Long.MAX_VALUE - 10));
    }
}
