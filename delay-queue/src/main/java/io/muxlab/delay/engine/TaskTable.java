package io.muxlab.delay.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every task the queue knows (pending, running, dead), as parallel primitive arrays indexed by a
 * slot number, so a pending task costs a few dozen bytes of heap plus its payload instead of an
 * object graph. Slots are reused through a free stack; arrays grow by doubling.
 *
 * <p>Handler names are interned: a task stores a small index into {@link #names}.
 * Not thread-safe: {@link TaskMachine} serialises access under its lock.
 */
final class TaskTable {
    static final byte FREE = 0;
    static final byte PENDING = 1;
    static final byte RUNNING = 2;
    static final byte DEAD = 3;
    /** A bit beside the state: a live operation is writing a record about this task (see TaskMachine#claim). */
    private static final byte CLAIMED = 0x40;

    private long[] ids = new long[0];
    private long[] dueMillis = new long[0];
    private int[] attempts = new int[0];
    private short[] handler = new short[0];
    private byte[] state = new byte[0];
    private byte[][] payloads = new byte[0][];
    private int[] free = new int[0];
    private int freeTop;

    private final LongIntMap slotOfId = new LongIntMap();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Short> nameIndex = new HashMap<>();

    /** The first slot number not yet handed out; the wheel sizes its arrays by it. */
    int capacity() {
        return ids.length;
    }

    int count() {
        return slotOfId.size();
    }

    /** Takes a slot for a new task; the caller then schedules it or marks it dead. */
    int allocate(long id, long due, int attemptCount, String name, byte[] payload) {
        if (slotOfId.get(id) >= 0) {
            throw new IllegalStateException("task " + id + " exists already");
        }
        if (freeTop == 0) {
            grow();
        }
        int slot = free[--freeTop];
        ids[slot] = id;
        dueMillis[slot] = due;
        attempts[slot] = attemptCount;
        handler[slot] = intern(name);
        state[slot] = PENDING;
        payloads[slot] = payload;
        slotOfId.put(id, slot);
        return slot;
    }

    void release(int slot) {
        slotOfId.remove(ids[slot]);
        state[slot] = FREE;
        payloads[slot] = null;
        free[freeTop++] = slot;
    }

    /** The slot of a task id, or -1. */
    int slotOf(long id) {
        return slotOfId.get(id);
    }

    long id(int slot) {
        return ids[slot];
    }

    long dueMillis(int slot) {
        return dueMillis[slot];
    }

    void setDueMillis(int slot, long due) {
        dueMillis[slot] = due;
    }

    int attempts(int slot) {
        return attempts[slot];
    }

    void setAttempts(int slot, int n) {
        attempts[slot] = n;
    }

    String name(int slot) {
        return names.get(handler[slot]);
    }

    byte[] payload(int slot) {
        return payloads[slot];
    }

    byte state(int slot) {
        return (byte) (state[slot] & ~CLAIMED);
    }

    /** Sets the state; clears the claim. */
    void setState(int slot, byte s) {
        state[slot] = s;
    }

    boolean claimed(int slot) {
        return (state[slot] & CLAIMED) != 0;
    }

    void setClaimed(int slot, boolean claimed) {
        state[slot] = (byte) (claimed ? state[slot] | CLAIMED : state[slot] & ~CLAIMED);
    }

    private short intern(String name) {
        Short index = nameIndex.get(name);
        if (index != null) {
            return index;
        }
        if (names.size() == Short.MAX_VALUE) {
            throw new IllegalStateException("more than " + Short.MAX_VALUE + " handler names");
        }
        short created = (short) names.size();
        names.add(name);
        nameIndex.put(name, created);
        return created;
    }

    private void grow() {
        int old = ids.length;
        int capacity = Math.max(64, old * 2);
        ids = Arrays.copyOf(ids, capacity);
        dueMillis = Arrays.copyOf(dueMillis, capacity);
        attempts = Arrays.copyOf(attempts, capacity);
        handler = Arrays.copyOf(handler, capacity);
        state = Arrays.copyOf(state, capacity);
        payloads = Arrays.copyOf(payloads, capacity);
        free = Arrays.copyOf(free, capacity);
        // Push the new slots so the lowest is handed out first.
        for (int slot = capacity - 1; slot >= old; slot--) {
            free[freeTop++] = slot;
        }
    }
}
