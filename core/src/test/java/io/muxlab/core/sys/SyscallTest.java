package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The chokepoint's errno policy, driven by calls that fail on purpose: each fake call sets the
 * errno jnr-ffi hands back, as a failing libc call would, so EINTR can be produced on demand.
 */
class SyscallTest {
    /** A call that fails with each errno of {@code errnos} in turn, then returns {@code result}. */
    private static final class Scripted implements Syscall.FdCall {
        private final int[] errnos;
        private final long result;
        int invocations;

        Scripted(long result, int... errnos) {
            this.errnos = errnos;
            this.result = result;
        }

        @Override
        public long invoke(int fd, long address, long count) {
            if (invocations < errnos.length) {
                Native.RUNTIME.setLastError(errnos[invocations++]);
                return -1;
            }
            invocations++;
            return result;
        }
    }

    @Test
    void ioRetriesEintrAndCountsEveryAttempt() {
        Scripted call = new Scripted(5, Errno.EINTR, Errno.EINTR);
        long before = Syscall.READ.calls();
        assertEquals(5, Syscall.READ.io(call, "fd ", 7, 0, 0));
        assertEquals(3, call.invocations);
        assertEquals(before + 3, Syscall.READ.calls());
    }

    @Test
    void ioTurnsEagainIntoWouldBlockWithoutRetrying() {
        Scripted call = new Scripted(5, Errno.EAGAIN);
        assertEquals(Syscall.WOULD_BLOCK, Syscall.WRITE.io(call, "fd ", 7, 0, 0));
        assertEquals(1, call.invocations);
    }

    @Test
    void ioThrowsAnyOtherErrnoNamingTheCallAndItsDescriptor() {
        Scripted call = new Scripted(5, Errno.ECONNRESET);
        SyscallException e = assertThrows(SyscallException.class, () -> Syscall.READ.io(call, "fd ", 7, 0, 0));
        assertEquals("read", e.syscall());
        assertEquals("ECONNRESET", e.errnoName());
        assertEquals("read(fd 7) failed: ECONNRESET (Connection reset by peer)", e.getMessage());
        assertEquals(1, call.invocations);
    }

    @Test
    void onlyAcceptSkipsAConnectionAbortedInTheQueue() {
        Scripted accept = new Scripted(9, Errno.ECONNABORTED);
        assertEquals(9, Syscall.ACCEPT4.io(accept, "listening fd ", 3, 0, 0));
        assertEquals(2, accept.invocations);

        Scripted read = new Scripted(9, Errno.ECONNABORTED);
        assertThrows(SyscallException.class, () -> Syscall.READ.io(read, "fd ", 3, 0, 0));
    }

    @Test
    void aWaitEndedBySignalReportsNothingReady() {
        Native.RUNTIME.setLastError(Errno.EINTR);
        assertEquals(0, Syscall.EPOLL_WAIT.waited(-1, "epfd ", 4));
        assertEquals(3, Syscall.EPOLL_WAIT.waited(3, "epfd ", 4));
        Native.RUNTIME.setLastError(Errno.ENOMEM);
        SyscallException e = assertThrows(SyscallException.class, () -> Syscall.POLL.waited(-1, "nfds ", 2));
        assertEquals("poll(nfds 2) failed: ENOMEM (Cannot allocate memory)", e.getMessage());
    }

    @Test
    void checkThrowsEvenForEintrAndEagainAndJoinsTheContext() {
        Native.RUNTIME.setLastError(Errno.EINTR);
        SyscallException e = assertThrows(SyscallException.class, () -> Syscall.SETSOCKOPT.check(-1, "fd ", 6, ", TCP_NODELAY"));
        assertEquals("setsockopt(fd 6, TCP_NODELAY) failed: EINTR (Interrupted system call)", e.getMessage());
        Native.RUNTIME.setLastError(Errno.EAGAIN);
        assertThrows(SyscallException.class, () -> Syscall.EVENTFD.check(-1, ""));
        assertEquals(12, Syscall.SOCKET.check(12, "AF_INET"));
    }

    @Test
    void callReturnsMinusErrnoAsTheKernelDoes() {
        Native.RUNTIME.setLastError(TestSockets.EINPROGRESS);
        assertEquals(-TestSockets.EINPROGRESS, Syscall.CONNECT.call(-1));
        assertEquals(0, Syscall.CONNECT.call(0));
    }
}
