package io.muxlab.timer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A binary min-heap of deadlines, as libuv keeps its timers: the earliest deadline is at the root
 * in O(1); add, remove and poll are O(log n). Each entry knows its index in the array, so removing
 * a cancelled timer sifts from where it is instead of searching (O(n)) or leaving a tombstone.
 * Equal deadlines come out in the order they were added: ties go to the lower sequence number.
 *
 * <p>The elements are their own nodes ({@link TimerNode}: deadline, sequence, index), so adding
 * allocates nothing but the occasional doubling of the array, which never shrinks (a service that
 * once held a million timers keeps the room). Pure data structure, no clock and no threads: its
 * owner's thread only.
 */
final class TimerHeap<T extends TimerNode> {

    private TimerNode[] items = new TimerNode[16];
    private int size;
    private long nextSeq;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(T entry) {
        return entry.index >= 0 && entry.index < size && items[entry.index] == entry;
    }

    /** Adds an entry that is in no heap. */
    void add(T entry, long deadline) {
        if (entry.index >= 0) {
            throw new IllegalStateException("entry is in a heap already");
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        entry.due = deadline;
        entry.order = nextSeq++;
        entry.index = size;
        items[size++] = entry;
        siftUp(entry.index);
    }

    /** Removes the entry if this heap holds it. */
    void remove(T entry) {
        if (!contains(entry)) {
            return;
        }
        int i = entry.index;
        TimerNode last = items[--size];
        items[size] = null;
        entry.index = -1;
        if (last != entry) {
            items[i] = last;
            last.index = i;
            siftDown(i);
            siftUp(last.index);
        }
    }

    /** The entry with the earliest deadline, or null. */
    @SuppressWarnings("unchecked")
    T peek() {
        return size == 0 ? null : (T) items[0];
    }

    /** Removes and returns the earliest entry if its deadline is at or before {@code now}; else null. */
    T pollDue(long now) {
        T first = peek();
        if (first == null || first.due - now > 0) {
            return null;
        }
        remove(first);
        return first;
    }

    /** Visits every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<T> action) {
        for (int i = 0; i < size; i++) {
            action.accept((T) items[i]);
        }
    }

    private void siftUp(int i) {
        TimerNode moving = items[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(moving, items[parent])) {
                break;
            }
            place(items[parent], i);
            i = parent;
        }
        place(moving, i);
    }

    private void siftDown(int i) {
        TimerNode moving = items[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(items[child + 1], items[child])) {
                child++;
            }
            if (!before(items[child], moving)) {
                break;
            }
            place(items[child], i);
            i = child;
        }
        place(moving, i);
    }

    private void place(TimerNode entry, int i) {
        items[i] = entry;
        entry.index = i;
    }

    /** Deadlines compare by difference, like System.nanoTime values; equal ones by sequence. */
    private static boolean before(TimerNode a, TimerNode b) {
        long d = a.due - b.due;
        return d < 0 || (d == 0 && a.order < b.order);
    }
}
