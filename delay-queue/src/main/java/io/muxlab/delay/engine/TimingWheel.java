package io.muxlab.delay.engine;

import java.util.Arrays;

/**
 * A hierarchical timing wheel over task slots (small ints handed out by {@link TaskTable}).
 *
 * <p>A tick number is written in base {@code S} (S = slots per level, a power of two): digit 0 picks
 * a bucket on level 0, digit 1 a bucket on level 1, and so on. A task sits on the lowest level whose
 * higher digits it shares with the current tick. With S = 256 and a 10 ms tick:
 * <pre>
 *   level 0: 256 buckets of 1 tick      (10 ms)   covers  2.56 s
 *   level 1: 256 buckets of 256 ticks   (2.56 s)  covers ~11 min
 *   level 2: 256 buckets of 65 536 ticks (~11 min) covers ~46 h
 *   level 3: buckets of ~46 h                       covers ~1.3 years ... up to level 7 (all of a long)
 * </pre>
 * When the current tick enters a bucket of level L (its lower digits are all zero), that bucket is
 * <em>cascaded</em>: its tasks are placed again, and land on lower levels. Level 0 buckets hold
 * tasks of exactly one tick; when the clock reaches it, they move to the due list. This is the
 * classic ring-and-cycle wheel with the cycle count replaced by more rings, so no bucket is scanned
 * for tasks "not yet in this round".
 *
 * <p>Costs: {@link #add} and {@link #remove} are O(1) (intrusive doubly linked lists); a task is
 * cascaded at most once per level. {@link #advanceTo} skips empty stretches with per-level occupancy
 * bitmaps, so a clock jump of years costs a few bitmap scans, not one step per tick.
 *
 * <p>Order: buckets are FIFO, so tasks due in the same tick reach the due list in the order they
 * were added. Not thread-safe: the owner (the queue, under its lock) serialises every call.
 */
final class TimingWheel {
    /** Where a slot is: a bucket index (level * S + digit), or one of these. */
    private static final int NOWHERE = -1;
    private static final int DUE = -2;

    private final int bits;
    private final int slotsPerLevel;
    private final int levels;
    private final long mask;
    /** Bucket lists: head and tail slot per bucket, -1 when empty. */
    private final int[] heads;
    private final int[] tails;
    /** Per level, which buckets are non-empty (bit per bucket). */
    private final long[][] occupied;
    /** Per slot: links, where it is, its due tick. Grown by the owner through ensureCapacity. */
    private int[] next = new int[0];
    private int[] prev = new int[0];
    private int[] where = new int[0];
    private long[] dueTick = new long[0];

    private int dueHead = -1;
    private int dueTail = -1;
    private int dueCount;
    private int inBuckets;
    /** Every task with due tick <= current has been moved to the due list. */
    private long current;

    TimingWheel(int slotsPerLevel, long startTick) {
        if (slotsPerLevel < 64 || slotsPerLevel > 65536 || Integer.bitCount(slotsPerLevel) != 1) {
            throw new IllegalArgumentException("slots per level must be a power of two in 64..65536, not " + slotsPerLevel);
        }
        if (startTick < 0) {
            throw new IllegalArgumentException("start tick must be >= 0, not " + startTick);
        }
        this.slotsPerLevel = slotsPerLevel;
        this.bits = Integer.numberOfTrailingZeros(slotsPerLevel);
        this.levels = (63 + bits - 1) / bits;
        this.mask = slotsPerLevel - 1;
        this.heads = new int[levels * slotsPerLevel];
        this.tails = new int[levels * slotsPerLevel];
        Arrays.fill(heads, -1);
        Arrays.fill(tails, -1);
        this.occupied = new long[levels][slotsPerLevel / 64];
        this.current = startTick;
    }

    /** Makes room for slots 0..capacity-1; the owner calls it before handing out a new slot. */
    void ensureCapacity(int capacity) {
        if (capacity <= next.length) {
            return;
        }
        int old = next.length;
        next = Arrays.copyOf(next, capacity);
        prev = Arrays.copyOf(prev, capacity);
        where = Arrays.copyOf(where, capacity);
        dueTick = Arrays.copyOf(dueTick, capacity);
        Arrays.fill(where, old, capacity, NOWHERE);
    }

    /** Tasks waiting in buckets plus tasks on the due list. */
    int size() {
        return inBuckets + dueCount;
    }

    int dueCount() {
        return dueCount;
    }

    /** Schedules a slot for a tick; a tick already reached puts it straight on the due list. */
    void add(int slot, long tick) {
        if (where[slot] != NOWHERE) {
            throw new IllegalStateException("slot " + slot + " is already scheduled");
        }
        dueTick[slot] = tick;
        place(slot);
    }

    /** Unschedules a slot wherever it is (bucket or due list); false if it was not scheduled. */
    boolean remove(int slot) {
        int w = where[slot];
        if (w == NOWHERE) {
            return false;
        }
        int p = prev[slot];
        int n = next[slot];
        if (w == DUE) {
            if (p < 0) {
                dueHead = n;
            } else {
                next[p] = n;
            }
            if (n < 0) {
                dueTail = p;
            } else {
                prev[n] = p;
            }
            dueCount--;
        } else {
            if (p < 0) {
                heads[w] = n;
            } else {
                next[p] = n;
            }
            if (n < 0) {
                tails[w] = p;
            } else {
                prev[n] = p;
            }
            if (heads[w] < 0) {
                markEmpty(w);
            }
            inBuckets--;
        }
        where[slot] = NOWHERE;
        return true;
    }

    /** Takes the oldest due slot off the due list, or -1 when none is due. */
    int pollDue() {
        int slot = dueHead;
        if (slot >= 0) {
            remove(slot);
        }
        return slot;
    }

    /**
     * Moves the clock to {@code tick} (never backwards), moving every task due by then to the due
     * list in due-tick order, ties in the order they were added.
     */
    void advanceTo(long tick) {
        while (current < tick) {
            long event = nextEventTick();
            if (event > tick) {
                // Nothing is stored in a bucket that starts before 'tick': jumping keeps every
                // task on a valid level (its higher digits still match the clock's).
                current = tick;
                return;
            }
            current = event;
            for (int level = levels - 1; level >= 1; level--) {
                if ((event & ((1L << (level * bits)) - 1)) == 0) {
                    drain(bucket(level, digit(event, level)));
                }
            }
            drain(bucket(0, digit(event, 0)));
        }
    }

    /** The earliest tick after {@code current} at which some bucket starts; Long.MAX_VALUE if none. */
    long nextEventTick() {
        if (inBuckets == 0) {
            return Long.MAX_VALUE;
        }
        long best = Long.MAX_VALUE;
        for (int level = 0; level < levels; level++) {
            int from = digit(current, level) + 1;
            int d = firstOccupied(level, from);
            if (d >= 0) {
                long start = higher(current, level) | ((long) d << (level * bits));
                best = Math.min(best, start);
            }
        }
        return best;
    }

    /** Empties a bucket and places each of its tasks again relative to the current tick. */
    private void drain(int bucket) {
        int slot = heads[bucket];
        if (slot < 0) {
            return;
        }
        heads[bucket] = -1;
        tails[bucket] = -1;
        markEmpty(bucket);
        while (slot >= 0) {
            int n = next[slot];
            where[slot] = NOWHERE;
            inBuckets--;
            place(slot);
            slot = n;
        }
    }

    private void place(int slot) {
        long tick = dueTick[slot];
        if (tick <= current) {
            append(slot, DUE);
            return;
        }
        int level = 0;
        while (level < levels - 1 && higher(tick, level) != higher(current, level)) {
            level++;
        }
        append(slot, bucket(level, digit(tick, level)));
    }

    private void append(int slot, int w) {
        where[slot] = w;
        next[slot] = -1;
        if (w == DUE) {
            prev[slot] = dueTail;
            if (dueTail < 0) {
                dueHead = slot;
            } else {
                next[dueTail] = slot;
            }
            dueTail = slot;
            dueCount++;
            return;
        }
        prev[slot] = tails[w];
        if (tails[w] < 0) {
            heads[w] = slot;
            occupied[w / slotsPerLevel][(w % slotsPerLevel) >>> 6] |= 1L << (w & 63);
        } else {
            next[tails[w]] = slot;
        }
        tails[w] = slot;
        inBuckets++;
    }

    private void markEmpty(int w) {
        occupied[w / slotsPerLevel][(w % slotsPerLevel) >>> 6] &= ~(1L << (w & 63));
    }

    /** First occupied digit >= from on a level, or -1. */
    private int firstOccupied(int level, int from) {
        long[] words = occupied[level];
        for (int word = from >>> 6; word < words.length; word++) {
            long bitsLeft = words[word];
            if (word == from >>> 6) {
                bitsLeft &= -1L << (from & 63);
            }
            if (bitsLeft != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(bitsLeft);
            }
        }
        return -1;
    }

    private int bucket(int level, int digit) {
        return level * slotsPerLevel + digit;
    }

    private int digit(long tick, int level) {
        int shift = level * bits;
        return shift >= 64 ? 0 : (int) ((tick >>> shift) & mask);
    }

    /** The tick with digits 0..level cleared: which bucket range of the next level up it is in. */
    private long higher(long tick, int level) {
        int shift = (level + 1) * bits;
        return shift >= 63 ? 0 : (tick >>> shift) << shift;
    }
}
