package io.muxlab.delay.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id-to-slot map against HashMap, including backward-shift removal. */
class LongIntMapTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        Random rnd = new Random(1);
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = 1 + rnd.nextInt(5000);
            if (rnd.nextBoolean()) {
                map.put(key, i);
                ref.put(key, i);
            } else {
                assertEquals(ref.containsKey(key) ? ref.remove(key) : -1, map.remove(key));
            }
            long probe = 1 + rnd.nextInt(5000);
            assertEquals(ref.getOrDefault(probe, -1), map.get(probe));
        }
        assertEquals(ref.size(), map.size());
    }
}
