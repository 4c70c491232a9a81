package io.muxlab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void parsesBinaryUnits() {
        assertEquals(4096, Sizes.parseBytes("4096"));
        assertEquals(65536, Sizes.parseBytes("64k"));
        assertEquals(1 << 20, Sizes.parseBytes("1M"));
        assertEquals(1 << 20, Sizes.parseBytes("1mb"));
        assertEquals(2L << 30, Sizes.parseBytes(" 2g "));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("lots"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("-1"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes(""));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("99999999999999999g"));
    }

    @Test
    void formats() {
        assertEquals("512 B", Sizes.format(512));
        assertEquals("1 MiB", Sizes.format(1 << 20));
        assertEquals("1.5 KiB", Sizes.format(1536));
    }
}
