package io.muxlab.timer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A binary min-heap of deadlines, as libuv keeps its timers: the earliest deadline is at the root
 * in O(1); add, remove and poll are O(log n). Each entry knows its index in the array, so removing
 * a cancelled timer sifts from where it is instead of searching (O(n)) or leaving a tombstone.
 * Equal deadlines come out in the order they were added: ties go to the lower sequence number,
 * kept in an array beside the items that moves with them.
 *
 * <p>An entry's {@link Placement#slot} is its index in the array, so adding allocates nothing but
 * the occasional doubling of the arrays, which never shrink (a service that once held a million
 * timers keeps the room). Pure data structure, no clock and no threads: its owner's thread only.
 */
final class TimerHeap<T extends Placement> {

    private Placement[] items = new Placement[16];
    /** The sequence number of the entry at the same index. */
    private long[] seqs = new long[16];
    private int size;
    private long nextSeq;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(T entry) {
        return entry.slot >= 0 && entry.slot < size && items[entry.slot] == entry;
    }

    /** Adds an entry that is in no heap. */
    void add(T entry, long deadline) {
        if (entry.slot >= 0) {
            throw new IllegalStateException("entry is in a heap already");
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
        }
        entry.due = deadline;
        place(entry, nextSeq++, size++);
        siftUp(entry.slot);
    }

    /** Removes the entry if this heap holds it. */
    void remove(T entry) {
        if (!contains(entry)) {
            return;
        }
        int i = entry.slot;
        Placement last = items[--size];
        long lastSeq = seqs[size];
        items[size] = null;
        entry.slot = Placement.NOT_HELD;
        if (last != entry) {
            place(last, lastSeq, i);
            siftDown(i);
            siftUp(last.slot);
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
        Placement moving = items[i];
        long movingSeq = seqs[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(moving, movingSeq, items[parent], seqs[parent])) {
                break;
            }
            place(items[parent], seqs[parent], i);
            i = parent;
        }
        place(moving, movingSeq, i);
    }

    private void siftDown(int i) {
        Placement moving = items[i];
        long movingSeq = seqs[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(items[child + 1], seqs[child + 1], items[child], seqs[child])) {
                child++;
            }
            if (!before(items[child], seqs[child], moving, movingSeq)) {
                break;
            }
            place(items[child], seqs[child], i);
            i = child;
        }
        place(moving, movingSeq, i);
    }

    private void place(Placement entry, long seq, int i) {
        items[i] = entry;
        seqs[i] = seq;
        entry.slot = i;
    }

    /** Deadlines compare by difference, like System.nanoTime values; equal ones by sequence. */
    private static boolean before(Placement a, long aSeq, Placement b, long bSeq) {
        long d = a.due - b.due;
        return d < 0 || (d == 0 && aSeq < bSeq);
    }
}
