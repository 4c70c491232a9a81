package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What a constructor that fails half-way leaves behind through {@link Owned}: nothing. */
class OwnedTest {

    @Test
    void aFailedAllocationReleasesTheDescriptorAndEveryEarlierBlock() {
        long fdsBefore = ProcFs.kernelObjects();
        long bytesBefore = NativeMemory.liveBytes();
        int[] pipe = Fds.pipe();
        try {
            Owned owned = new Owned(pipe[0]);
            owned.allocate(64);
            owned.allocate(32);
            // A size NativeMemory refuses stands in for calloc running out.
            assertThrows(IllegalArgumentException.class, () -> owned.allocate(0));
            assertFalse(owned.isOpen());
            owned.close(); // already released: closing again is harmless
            assertEquals(bytesBefore, NativeMemory.liveBytes(), "both blocks freed");
            assertEquals(fdsBefore + 1, ProcFs.kernelObjects(), "the owned read end is closed, the write end is not");
        } finally {
            Fds.close(pipe[1]);
        }
        assertEquals(fdsBefore, ProcFs.kernelObjects());
    }

    @Test
    void closeFreesTheBlocksAndClosesTheDescriptorOnce() {
        long fdsBefore = ProcFs.kernelObjects();
        long bytesBefore = NativeMemory.liveBytes();
        int[] pipe = Fds.pipe();
        Fds.close(pipe[1]);
        Owned owned = new Owned(pipe[0]);
        owned.allocate(16);
        owned.close();
        owned.close();
        assertFalse(owned.isOpen());
        assertEquals(bytesBefore, NativeMemory.liveBytes());
        assertEquals(fdsBefore, ProcFs.kernelObjects());
    }
}
