package io.muxlab.core.sys;

import jnr.ffi.Platform;

/**
 * Every C struct the layer hands the kernel, declared once: its size and the offset of each field,
 * under the C names. Values are for Linux on 64-bit CPUs (x86-64, aarch64), where {@code long},
 * {@code time_t} and {@code rlim_t} are 8 bytes; only {@code epoll_event} differs between the two.
 * {@code StructsTest} proves each layout through the kernel: it writes fields at these offsets and
 * has the kernel read them back, or the other way round. ({@code struct linger}, which only tests
 * set, is declared beside its one use, in the test tree's {@code TestSockets}.)
 */
final class Structs {
    /** {@code struct sockaddr_in}: family in host order, port and address in network order, 8 bytes of zero. */
    static final int SIZEOF_SOCKADDR_IN = 16;
    static final int SIN_FAMILY = 0;
    static final int SIN_PORT = 2;
    static final int SIN_ADDR = 4;

    /** {@code struct timeval} (select's timeout, which Linux overwrites with the time left). */
    static final int SIZEOF_TIMEVAL = 16;
    static final int TV_SEC = 0;
    static final int TV_USEC = 8;

    /** {@code struct timespec}: {@code tv_sec} at {@link #TV_SEC}, then nanoseconds. */
    static final int SIZEOF_TIMESPEC = 16;
    static final int TV_NSEC = 8;

    /** {@code struct itimerspec}: two timespecs, the interval first. */
    static final int SIZEOF_ITIMERSPEC = 2 * SIZEOF_TIMESPEC;
    static final int IT_INTERVAL = 0;
    static final int IT_VALUE = SIZEOF_TIMESPEC;

    /** {@code struct rlimit}: soft limit, then hard. */
    static final int SIZEOF_RLIMIT = 16;
    static final int RLIM_CUR = 0;
    static final int RLIM_MAX = 8;

    /** {@code struct pollfd}: {@code int fd; short events; short revents;}. */
    static final int SIZEOF_POLLFD = 8;
    static final int PFD_FD = 0;
    static final int PFD_EVENTS = 4;
    static final int PFD_REVENTS = 6;

    /**
     * {@code struct epoll_event { uint32_t events; epoll_data_t data; }} is declared
     * {@code __attribute__((packed))} on x86-64 only, so it is 12 bytes there (data at offset 4) and
     * 16 bytes elsewhere, aarch64 included (data at offset 8).
     */
    static final boolean EPOLL_PACKED = Platform.getNativePlatform().getCPU() == Platform.CPU.X86_64;
    static final int SIZEOF_EPOLL_EVENT = EPOLL_PACKED ? 12 : 16;
    static final int EE_EVENTS = 0;
    static final int EE_DATA = EPOLL_PACKED ? 4 : 8;

    /** An {@code int} option value or length ({@code socklen_t}). */
    static final int SIZEOF_INT = 4;

    private Structs() {
    }
}
