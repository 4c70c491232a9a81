package io.muxlab.core.timer;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The lab's one hierarchical timing wheel, counted in ticks, over timer <em>slots</em>: small ints
 * the owner hands out (its own table says what slot 7 is). There is no object per timer inside:
 * a slot is four array entries (links, where it is, its due tick), 20 bytes, so the bytes a live
 * timer costs here are a figure chosen, not an accident. {@code timerfd-timer}'s wheel strategy
 * and the delay queue both keep their timers in it; {@code docs/timers.md} explains it.
 *
 * <p>Worked example, 4 slots per level (2 bits a digit) and the wheel at tick 9 (base 4: 0021).
 * A slot sits on the lowest level whose higher digits its due tick shares with the current tick:
 * <pre>
 *   due 10 (0022)  level 0, bucket 2: shares digits 1.. ("002") with 9     one tick per bucket
 *   due 13 (0031)  level 1, bucket 3: shares digits 2.. ("00")              4 ticks per bucket, 12..15
 *   due 40 (0220)  level 2, bucket 2: shares digits 3.. ("0")              16 ticks per bucket, 32..47
 *   due  9 or less the due list: FIFO, handed out by pollDue
 * </pre>
 * Advancing to 12 moves 10 to the due list, then enters level 1's bucket 3 (12..15) and
 * <em>cascades</em> it: 13 is placed again and lands on level 0, bucket 1. At 32, level 2's bucket
 * 2 cascades and 40 lands on level 1, bucket 2 (40..43); at 40 that bucket cascades and 40 is due.
 * Enough levels cover every non-negative long ({@code ceil(63 / bits)}), so any delay fits, and no
 * bucket is scanned for timers "not in this round" (Netty's one-level wheel keeps a round count).
 *
 * <p>Costs: {@link #add} and {@link #remove} are O(1) (doubly linked bucket lists); a slot is
 * cascaded at most once per level. Empty time costs nothing: one occupancy bit per bucket lets
 * {@link #advanceTo} jump from one non-empty bucket to the next, and {@link #nextDueTick} find
 * the next tick to wake up for without visiting the empty ones. Every entry of a level is due
 * before every entry of the level above, so the next due tick is in the first occupied bucket of
 * the lowest occupied level: exact on level 0, and above it the least due tick of a bucket of up
 * to {@value #SCAN_LIMIT} slots (a longer bucket answers with its first tick, when it cascades).
 *
 * <p>Order: buckets and the due list are FIFO, so slots due in the same tick are handed out in
 * the order they were added, and earlier ticks first. Concurrency: none — the owner's thread (or
 * lock) serialises every call.
 */
public final class TimingWheel {
    /** {@link #where} a slot is when it is not in a bucket. */
    private static final int NOWHERE = -1;
    private static final int DUE = -2;
    /** The most slots {@link #nextDueTick} reads in one bucket to find its least due tick. */
    static final int SCAN_LIMIT = 64;

    private final int bits;
    private final int slotsPerLevel;
    private final int levels;
    private final int wordsPerLevel;
    /** Per bucket ({@code level * slotsPerLevel + digit}): first and last slot, -1 when empty. */
    private final int[] heads;
    private final int[] tails;
    /** One bit per bucket, set while it is not empty; level L's words start at {@code L * wordsPerLevel}. */
    private final long[] occupied;
    /** Per slot: the bucket list's links, where it is (bucket, DUE or NOWHERE), its due tick. */
    private int[] next = new int[0];
    private int[] prev = new int[0];
    private int[] where = new int[0];
    private long[] dueTick = new long[0];

    private int dueHead = -1;
    private int dueTail = -1;
    private int dueCount;
    private int inBuckets;
    /** The wheel's clock: every slot due at or before it is on the due list. */
    private long current;

    /**
     * @param slotsPerLevel buckets per level, a power of two from 2 to 65 536
     * @param startTick the wheel's clock to begin with (not negative)
     */
    public TimingWheel(int slotsPerLevel, long startTick) {
        if (slotsPerLevel < 2 || slotsPerLevel > 65_536 || Integer.bitCount(slotsPerLevel) != 1) {
            throw new IllegalArgumentException("slots per level must be a power of two from 2 to 65536, not " + slotsPerLevel);
        }
        if (startTick < 0) {
            throw new IllegalArgumentException("start tick must not be negative: " + startTick);
        }
        this.slotsPerLevel = slotsPerLevel;
        this.bits = Integer.numberOfTrailingZeros(slotsPerLevel);
        this.levels = (63 + bits - 1) / bits;
        this.wordsPerLevel = (slotsPerLevel + 63) / 64;
        this.heads = new int[levels * slotsPerLevel];
        this.tails = new int[levels * slotsPerLevel];
        Arrays.fill(heads, -1);
        Arrays.fill(tails, -1);
        this.occupied = new long[levels * wordsPerLevel];
        this.current = startTick;
    }

    /** Makes room for slots 0..capacity-1; the owner calls it before using a new slot number. */
    public void ensureCapacity(int capacity) {
        int old = where.length;
        if (capacity <= old) {
            return;
        }
        next = Arrays.copyOf(next, capacity);
        prev = Arrays.copyOf(prev, capacity);
        where = Arrays.copyOf(where, capacity);
        dueTick = Arrays.copyOf(dueTick, capacity);
        Arrays.fill(where, old, capacity, NOWHERE);
    }

    /** Slot numbers the wheel has room for. */
    public int capacity() {
        return where.length;
    }

    /** Slots in buckets plus slots on the due list. */
    public int size() {
        return inBuckets + dueCount;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Slots on the due list, waiting for {@link #pollDue}. */
    public int dueCount() {
        return dueCount;
    }

    /** The wheel's clock: the last tick {@link #advanceTo} reached. */
    public long currentTick() {
        return current;
    }

    public boolean contains(int slot) {
        return slot >= 0 && slot < where.length && where[slot] != NOWHERE;
    }

    /** The tick a scheduled slot is due at. */
    public long dueTick(int slot) {
        return dueTick[slot];
    }

    /** Schedules a slot for a tick; a tick the clock has reached puts it straight on the due list. */
    public void add(int slot, long tick) {
        if (where[slot] != NOWHERE) {
            throw new IllegalStateException("slot " + slot + " is already scheduled");
        }
        dueTick[slot] = tick;
        place(slot);
    }

    /** Unschedules a slot wherever it is (bucket or due list); false if it was not scheduled. */
    public boolean remove(int slot) {
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
                setOccupied(w, false);
            }
            inBuckets--;
        }
        where[slot] = NOWHERE;
        return true;
    }

    /** Takes the oldest slot off the due list, or -1 when none is due. */
    public int pollDue() {
        int slot = dueHead;
        if (slot >= 0) {
            remove(slot);
        }
        return slot;
    }

    /**
     * Moves the clock forward to {@code tick} (an earlier tick: nothing), moving every slot due by
     * then to the due list, earlier ticks first. Visits only the buckets that hold something.
     */
    public void advanceTo(long tick) {
        while (current < tick) {
            long event = nextBucketStart();
            if (event > tick) {
                // No bucket starts before 'tick': every slot's higher digits still match the clock's.
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

    /**
     * The tick to wake up for next: the least due tick of the slots still in buckets (all after
     * the current tick), found in the first occupied bucket (see the class comment; never later
     * than the true one, so a sleeper that wakes then is never late), or {@link Long#MAX_VALUE} if
     * the buckets are empty. Slots already due wait on the due list ({@link #dueCount}) apart: a
     * queue whose workers are busy must not be woken again for them.
     */
    public long nextDueTick() {
        if (inBuckets == 0) {
            return Long.MAX_VALUE;
        }
        for (int level = 0; level < levels; level++) {
            int d = firstOccupied(level, digit(current, level) + 1);
            if (d < 0) {
                continue;
            }
            long start = higher(current, level) | ((long) d << (level * bits));
            if (level == 0) {
                return start;
            }
            long least = Long.MAX_VALUE;
            int seen = 0;
            for (int s = heads[bucket(level, d)]; s >= 0; s = next[s]) {
                if (++seen > SCAN_LIMIT) {
                    return start;
                }
                least = Math.min(least, dueTick[s]);
            }
            return least;
        }
        throw new IllegalStateException("slots in buckets but no bucket occupied");
    }

    /** Hands every scheduled slot to {@code action} (due list first, then bucket by bucket). */
    public void forEach(IntConsumer action) {
        for (int s = dueHead; s >= 0; s = next[s]) {
            action.accept(s);
        }
        for (int head : heads) {
            for (int s = head; s >= 0; s = next[s]) {
                action.accept(s);
            }
        }
    }

    /** The earliest tick after the clock at which some occupied bucket starts; MAX_VALUE if none. */
    private long nextBucketStart() {
        if (inBuckets == 0) {
            return Long.MAX_VALUE;
        }
        long best = Long.MAX_VALUE;
        for (int level = 0; level < levels; level++) {
            int d = firstOccupied(level, digit(current, level) + 1);
            if (d >= 0) {
                best = Math.min(best, higher(current, level) | ((long) d << (level * bits)));
            }
        }
        return best;
    }

    /** Empties a bucket and places each of its slots again, relative to the clock, in order. */
    private void drain(int bucket) {
        int slot = heads[bucket];
        if (slot < 0) {
            return;
        }
        heads[bucket] = -1;
        tails[bucket] = -1;
        setOccupied(bucket, false);
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
            setOccupied(w, true);
        } else {
            next[tails[w]] = slot;
        }
        tails[w] = slot;
        inBuckets++;
    }

    private void setOccupied(int bucket, boolean on) {
        int level = bucket / slotsPerLevel;
        int d = bucket % slotsPerLevel;
        int word = level * wordsPerLevel + (d >>> 6);
        long bit = 1L << (d & 63);
        occupied[word] = on ? occupied[word] | bit : occupied[word] & ~bit;
    }

    /** The first occupied digit at or after {@code from} on a level, or -1. */
    private int firstOccupied(int level, int from) {
        for (int w = from >>> 6; w < wordsPerLevel; w++) {
            long word = occupied[level * wordsPerLevel + w];
            if (w == from >>> 6) {
                word &= -1L << (from & 63);
            }
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
        }
        return -1;
    }

    private int bucket(int level, int digit) {
        return level * slotsPerLevel + digit;
    }

    private int digit(long tick, int level) {
        return (int) ((tick >>> (level * bits)) & (slotsPerLevel - 1));
    }

    /** The tick with digits 0..level cleared: which bucket of the level above it falls in. */
    private long higher(long tick, int level) {
        int shift = (level + 1) * bits;
        return shift >= 63 ? 0 : (tick >>> shift) << shift;
    }
}
