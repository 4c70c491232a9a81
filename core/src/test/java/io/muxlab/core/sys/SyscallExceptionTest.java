package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyscallExceptionTest {

    @Test
    void closeOfMinusOneIsEbadfWithItsNameAndText() {
        SyscallException e = assertThrows(SyscallException.class, () -> Fds.close(-1));
        assertEquals("close", e.syscall());
        assertEquals(jnr.constants.platform.Errno.EBADF.intValue(), e.errno());
        assertEquals("EBADF", e.errnoName());
        assertTrue(e.getMessage().startsWith("close(fd -1) failed: EBADF (Bad file descriptor)"), e.getMessage());
    }

    @Test
    void errnoNamesComeFromThePlatformTable() {
        assertEquals("EMFILE", Errno.name(Errno.EMFILE));
        assertEquals("EAGAIN", Errno.name(Errno.EAGAIN));
        assertEquals("ECONNRESET", Errno.name(Errno.ECONNRESET));
        assertEquals("errno 9999", Errno.name(9999));
    }

    @Test
    void readFromABadDescriptorNamesTheCall() {
        try (NativeMemory buf = NativeMemory.allocate(16)) {
            SyscallException e = assertThrows(SyscallException.class, () -> Fds.read(-1, buf.address(), 16));
            assertEquals("read", e.syscall());
            assertEquals("EBADF", e.errnoName());
        }
    }

    @Test
    void callsAreCounted() {
        long before = Syscall.GETPPID.calls();
        Proc.getppid();
        Proc.getppid();
        assertEquals(before + 2, Syscall.GETPPID.calls());
        assertTrue(Syscall.snapshot().containsKey("getppid"));
    }
}
