package io.muxlab.timer;

import java.util.function.Consumer;

/**
 * A hashed hierarchical timing wheel (Varghese and Lauck's scheme 7, the shape of Linux's timer
 * wheel before 4.8), counted in ticks. Add and remove are O(1): an entry goes into one bucket, a
 * doubly linked list, and knows which. Advancing one tick empties one bucket.
 *
 * <p>Worked example with 4 slots per level (2 bits) and the wheel at tick 0. Level 0 holds what
 * expires in ticks 0..3, one tick per slot. Level 1 holds ticks 4..15, four ticks per slot (slot
 * {@code tick >> 2 & 3}); level 2 ticks 16..63, sixteen per slot; and so on. An entry due at tick 9
 * goes to level 1, slot 2. When the wheel reaches tick 8 — level 0 has wrapped round, so level 1's
 * slot for ticks 8..11 is next — that bucket "cascades": its entries are added again, now 1 tick
 * away, and land in level 0, slot 1, which fires at tick 9. Enough levels cover every tick a long
 * can hold (ceil(63 / bits)), so any delay fits, and no entry waits for revolutions of a single
 * wheel (no per-revolution counter to scan, unlike a one-level hashed wheel such as Netty's).
 * Each entry is moved at most once per level: O(levels) over its life.
 *
 * <p>The elements are their own nodes ({@link TimerNode}: expiry tick in {@code order}, bucket in
 * {@code index}, list links), so adding allocates nothing. Pure data structure, no clock and no
 * threads: its owner's thread only. Ticks are non-negative and count from the owner's origin.
 */
final class TimingWheel<T extends TimerNode> {

    private final int bits;
    private final int mask;
    private final int levels;
    /** Bucket {@code level * slots + slot}: the first entry of its list, or null. */
    private final TimerNode[] heads;
    /** The next tick to process: everything before it has fired. */
    private long nextTick;
    private int size;

    /**
     * @param slots slots per level, a power of two from 2 to 65 536
     * @param startTick the first tick the wheel will process
     */
    TimingWheel(int slots, long startTick) {
        if (slots < 2 || slots > 65_536 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots per level must be a power of two from 2 to 65536, not " + slots);
        }
        if (startTick < 0) {
            throw new IllegalArgumentException("start tick must not be negative: " + startTick);
        }
        this.bits = Integer.numberOfTrailingZeros(slots);
        this.mask = slots - 1;
        this.levels = (63 + bits - 1) / bits;
        this.heads = new TimerNode[levels * slots];
        this.nextTick = startTick;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int levels() {
        return levels;
    }

    long nextTick() {
        return nextTick;
    }

    boolean contains(T entry) {
        return entry.index >= 0;
    }

    /** Adds an entry that is in no wheel, to fire at {@code expiryTick} (a past tick: at the next one). */
    void add(T entry, long expiryTick) {
        if (entry.index >= 0) {
            throw new IllegalStateException("entry is in a wheel already");
        }
        entry.order = expiryTick;
        link(entry);
        size++;
    }

    /** Removes the entry if it is in this wheel. */
    void remove(T entry) {
        if (entry.index < 0) {
            return;
        }
        unlink(entry);
        size--;
    }

    /**
     * Processes every tick up to and including {@code tick}, handing each expired entry (already
     * removed) to {@code expired}. An empty wheel jumps there at once.
     */
    void advanceTo(long tick, Consumer<T> expired) {
        while (nextTick <= tick) {
            if (size == 0) {
                nextTick = tick + 1;
                return;
            }
            processTick(expired);
        }
    }

    /** Visits every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<T> action) {
        for (TimerNode head : heads) {
            for (TimerNode e = head; e != null; e = e.next) {
                action.accept((T) e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void processTick(Consumer<T> expired) {
        long tick = nextTick;
        // Level 0 wrapped round: bring the next bucket of level 1 down, and so on up while each wraps.
        if ((tick & mask) == 0) {
            for (int level = 1; level < levels; level++) {
                int slot = (int) (tick >>> (level * bits)) & mask;
                cascade(level * (mask + 1) + slot);
                if (slot != 0) {
                    break;
                }
            }
        }
        int bucket = (int) (tick & mask);
        TimerNode e = heads[bucket];
        heads[bucket] = null;
        nextTick = tick + 1;
        while (e != null) {
            TimerNode next = e.next;
            e.prev = null;
            e.next = null;
            e.index = -1;
            size--;
            expired.accept((T) e);
            e = next;
        }
    }

    private void cascade(int bucket) {
        TimerNode e = heads[bucket];
        heads[bucket] = null;
        while (e != null) {
            TimerNode next = e.next;
            e.prev = null;
            e.next = null;
            link(e);
            e = next;
        }
    }

    /** Puts the entry in the lowest level whose span reaches its expiry from {@link #nextTick}. */
    private void link(TimerNode e) {
        long delta = e.order - nextTick;
        int bucket;
        if (delta <= 0) {
            bucket = (int) (nextTick & mask);
        } else {
            int highestBit = 63 - Long.numberOfLeadingZeros(delta);
            int level = Math.min(highestBit / bits, levels - 1);
            bucket = level * (mask + 1) + ((int) (e.order >>> (level * bits)) & mask);
        }
        TimerNode head = heads[bucket];
        e.next = head;
        e.prev = null;
        if (head != null) {
            head.prev = e;
        }
        heads[bucket] = e;
        e.index = bucket;
    }

    private void unlink(TimerNode e) {
        if (e.prev == null) {
            heads[e.index] = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.index = -1;
    }
}
