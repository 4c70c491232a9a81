package io.muxlab.timer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A binary min-heap of deadlines, as libuv keeps its timers: the earliest deadline is at the root
 * in O(1); add, remove and poll are O(log n). Each entry knows its index in the array, so removing
 * a cancelled timer sifts from where it is instead of searching (O(n)) or leaving a tombstone.
 * Equal deadlines come out in the order they were added: ties go to the lower sequence number.
 *
 * <p>The array grows by doubling and never shrinks (a service that once held a million timers keeps
 * the room). Pure data structure, no clock and no threads: its owner's thread only.
 */
final class TimerHeap<T> {

    /** One place in the heap; {@link #value} is what it stands for. */
    static final class Entry<T> {
        final T value;
        long deadline;
        long seq;
        /** Position in the array; -1 when not in a heap. */
        int index = -1;

        Entry(T value) {
            this.value = value;
        }
    }

    private Entry<T>[] items = newArray(16);
    private int size;
    private long nextSeq;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(Entry<T> entry) {
        return entry.index >= 0 && entry.index < size && items[entry.index] == entry;
    }

    /** Adds an entry that is in no heap. */
    void add(Entry<T> entry, long deadline) {
        if (entry.index >= 0) {
            throw new IllegalStateException("entry is in a heap already");
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        entry.deadline = deadline;
        entry.seq = nextSeq++;
        entry.index = size;
        items[size++] = entry;
        siftUp(entry.index);
    }

    /** Removes the entry if this heap holds it. */
    void remove(Entry<T> entry) {
        if (!contains(entry)) {
            return;
        }
        int i = entry.index;
        Entry<T> last = items[--size];
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
    Entry<T> peek() {
        return size == 0 ? null : items[0];
    }

    /** Removes and returns the earliest entry if its deadline is at or before {@code now}; else null. */
    Entry<T> pollDue(long now) {
        Entry<T> first = peek();
        if (first == null || first.deadline - now > 0) {
            return null;
        }
        remove(first);
        return first;
    }

    /** Visits every entry, in no particular order. */
    void forEach(Consumer<Entry<T>> action) {
        for (int i = 0; i < size; i++) {
            action.accept(items[i]);
        }
    }

    private void siftUp(int i) {
        Entry<T> moving = items[i];
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
        Entry<T> moving = items[i];
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

    private void place(Entry<T> entry, int i) {
        items[i] = entry;
        entry.index = i;
    }

    /** Deadlines compare by difference, like System.nanoTime values; equal ones by sequence. */
    private static boolean before(Entry<?> a, Entry<?> b) {
        long d = a.deadline - b.deadline;
        return d < 0 || (d == 0 && a.seq < b.seq);
    }

    @SuppressWarnings("unchecked")
    private static <T> Entry<T>[] newArray(int n) {
        return (Entry<T>[]) new Entry<?>[n];
    }
}
