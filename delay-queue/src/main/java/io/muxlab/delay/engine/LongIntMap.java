package io.muxlab.delay.engine;

/**
 * Task id to task slot, open addressing with linear probing on two primitive arrays: about 25 bytes
 * per entry at worst, against ~60 for a {@code HashMap<Long, Integer>} (an entry, a Long and an
 * Integer per task). Removal shifts later entries back, so there are no tombstones.
 *
 * <p>Keys are task ids, which are > 0; 0 marks an empty cell. Not thread-safe.
 */
final class LongIntMap {
    private long[] keys = new long[16];
    private int[] values = new int[16];
    private int size;

    int size() {
        return size;
    }

    /** The value for a key, or -1. */
    int get(long key) {
        int m = keys.length - 1;
        for (int i = index(key, m); ; i = (i + 1) & m) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    void put(long key, int value) {
        if (key <= 0) {
            throw new IllegalArgumentException("task ids are > 0, not " + key);
        }
        if ((size + 1) * 3L > keys.length * 2L) {
            resize(keys.length * 2);
        }
        int m = keys.length - 1;
        for (int i = index(key, m); ; i = (i + 1) & m) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == 0) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    /** Removes a key; returns its value or -1. */
    int remove(long key) {
        int m = keys.length - 1;
        int i = index(key, m);
        while (keys[i] != key) {
            if (keys[i] == 0) {
                return -1;
            }
            i = (i + 1) & m;
        }
        int value = values[i];
        // Backward-shift: move later entries of the probe run into the hole when their home allows.
        int hole = i;
        for (int j = (hole + 1) & m; keys[j] != 0; j = (j + 1) & m) {
            int home = index(keys[j], m);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        size--;
        return value;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[capacity];
        values = new int[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int index(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

}
