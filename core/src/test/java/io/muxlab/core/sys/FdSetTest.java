package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FdSetTest {

    @Test
    void refusesADescriptorItCannotHold() {
        try (FdSet set = new FdSet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.set(1024));
            assertTrue(e.getMessage().contains("FD_SETSIZE = 1024"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> set.set(-1));
            assertThrows(IllegalArgumentException.class, () -> set.clear(5000));
            assertFalse(set.isSet(1024));
            for (int w = 0; w < FdSet.FD_SETSIZE / 64; w++) {
                assertEquals(0L, set.word(w), "word " + w + " untouched");
            }
        }
    }

    @Test
    void setClearAndIsSetFollowGlibcLayout() {
        try (FdSet set = new FdSet()) {
            set.set(0);
            set.set(63);
            set.set(64);
            set.set(1023);
            assertTrue(set.isSet(0) && set.isSet(63) && set.isSet(64) && set.isSet(1023));
            assertFalse(set.isSet(1) || set.isSet(65));
            assertEquals(1L | (1L << 63), set.word(0));
            assertEquals(1L, set.word(1));
            assertEquals(1L << 63, set.word(15));
            set.clear(63);
            assertFalse(set.isSet(63));
            set.zero();
            assertFalse(set.isSet(0) || set.isSet(1023));
        }
    }

    @Test
    void copyTakesOnlyTheWordsUpToMaxFd() {
        try (FdSet master = new FdSet(); FdSet copy = new FdSet()) {
            master.set(3);
            master.set(700);
            copy.copyFrom(master, 100);
            assertTrue(copy.isSet(3));
            assertFalse(copy.isSet(700));
            copy.copyFrom(master, 700);
            assertTrue(copy.isSet(700));
        }
    }
}
