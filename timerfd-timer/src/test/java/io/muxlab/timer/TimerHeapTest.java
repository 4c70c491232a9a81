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
        TimerHeap<TestNode<Integer>> heap = new TimerHeap<>();
        Random random = new Random(42);
        List<TestNode<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            TestNode<Integer> e = new TestNode<>(i);
            heap.add(e, random.nextInt(100)); // many equal deadlines
            entries.add(e);
        }
        entries.sort(Comparator.<TestNode<Integer>>comparingLong(e -> e.due).thenComparing(e -> e.value));
        for (TestNode<Integer> expected : entries) {
            assertSame(expected, heap.pollDue(Long.MAX_VALUE));
        }
        assertTrue(heap.isEmpty());
    }

    @Test
    void pollDueLeavesWhatIsNotDueYet() {
        TimerHeap<TestNode<String>> heap = new TimerHeap<>();
        heap.add(new TestNode<>("late"), 200);
        heap.add(new TestNode<>("early"), 100);
        assertNull(heap.pollDue(99));
        assertEquals("early", heap.pollDue(100).value);
        assertNull(heap.pollDue(150));
        assertEquals(200, heap.peek().due);
        assertEquals(1, heap.size());
    }

    @Test
    void removeFromAnywhereKeepsTheOrderOfTheRest() {
        TimerHeap<TestNode<Integer>> heap = new TimerHeap<>();
        Random random = new Random(7);
        List<TestNode<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            TestNode<Integer> e = new TestNode<>(i);
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
        TestNode<Integer> e;
        while ((e = heap.pollDue(Long.MAX_VALUE)) != null) {
            assertFalse(removed.contains(e.value), "a removed entry came out");
            assertTrue(e.due >= last);
            last = e.due;
        }
    }

    @Test
    void aRemovedEntryCanBeAddedAgainWithANewDeadline() {
        TimerHeap<TestNode<String>> heap = new TimerHeap<>();
        TestNode<String> a = new TestNode<>("a");
        TestNode<String> b = new TestNode<>("b");
        heap.add(a, 10);
        heap.add(b, 20);
        heap.remove(a);
        heap.add(a, 30);
        assertEquals("b", heap.pollDue(100).value);
        assertEquals("a", heap.pollDue(100).value);
        assertEquals(-1, a.slot);
    }

    @Test
    void deadlinesCompareLikeNanoTimeAcrossOverflow() {
        TimerHeap<TestNode<String>> heap = new TimerHeap<>();
        heap.add(new TestNode<>("after the wrap"), Long.MIN_VALUE + 5);
        heap.add(new TestNode<>("before the wrap"), Long.MAX_VALUE - 5);
        assertEquals("before the wrap", heap.peek().value);
        assertNull(heap.pollDue(Long.MAX_VALUE - 10));
    }
}
