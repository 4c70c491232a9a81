package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Structs.SIZEOF_INT;
import static io.muxlab.core.sys.Structs.SIZEOF_TIMESPEC;
import static io.muxlab.core.sys.Structs.TV_NSEC;
import static io.muxlab.core.sys.Structs.TV_SEC;

/**
 * Questions only tests ask the kernel: is a descriptor non-blocking, is an option set, what time is
 * it on a timerfd's clock. They go through the same chokepoint as the layer's own calls.
 */
final class Inspect {
    private static final int F_GETFL = 3;

    private Inspect() {
    }

    static boolean isNonBlocking(int fd) {
        return (Syscall.FCNTL.check(LIBC.fcntl(fd, F_GETFL, 0), "fd ", fd, ", F_GETFL") & Fds.O_NONBLOCK) != 0;
    }

    static boolean noDelay(int fd) {
        return intOption(fd, Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, ", TCP_NODELAY") != 0;
    }

    static int intOption(int fd, int level, int name, String label) {
        try (NativeMemory v = NativeMemory.allocate(SIZEOF_INT); NativeMemory len = NativeMemory.allocate(SIZEOF_INT)) {
            len.pointer().putInt(0, SIZEOF_INT);
            Syscall.GETSOCKOPT.check(LIBC.getsockopt(fd, level, name, v.pointer(), len.pointer()), "fd ", fd, label);
            return v.pointer().getInt(0);
        }
    }

    /**
     * Now on {@code clock}, in nanoseconds: the base for {@link TimerFd#armAbsolute}. clock_gettime
     * runs in the vDSO and makes no syscall, so it is neither counted nor checked.
     */
    static long now(TimerFd.Clock clock) {
        try (NativeMemory ts = NativeMemory.allocate(SIZEOF_TIMESPEC)) {
            if (LIBC.clock_gettime(clock.id, ts.pointer()) != 0) {
                throw new IllegalStateException("clock_gettime(" + clock + ") failed");
            }
            return ts.pointer().getLong(TV_SEC) * 1_000_000_000L + ts.pointer().getLong(TV_NSEC);
        }
    }
}
