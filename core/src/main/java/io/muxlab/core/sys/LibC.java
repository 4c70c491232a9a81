package io.muxlab.core.sys;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions muxlab calls, declared once for jnr-ffi. C names, C argument order, nothing
 * else: the classes beside this one add errno handling, counting and Java names.
 *
 * <p>Buffers that the hot path reads into or writes from are passed as raw addresses
 * ({@code @intptr_t long}) so that a read at an offset into a native buffer needs no
 * {@link Pointer} object per call. Structs the kernel fills in ({@code sockaddr_in},
 * {@code itimerspec}, {@code epoll_event} arrays, ...) are passed as {@link Pointer}s into
 * native memory that their owner allocated once.
 */
public interface LibC {
    // sockets
    int socket(int domain, int type, int protocol);

    int socketpair(int domain, int type, int protocol, @Out int[] sv);

    int setsockopt(int sockfd, int level, int optname, @In Pointer optval, int optlen);

    int getsockopt(int sockfd, int level, int optname, @Out Pointer optval, @In @Out Pointer optlen);

    int bind(int sockfd, @In Pointer addr, int addrlen);

    int listen(int sockfd, int backlog);

    int connect(int sockfd, @In Pointer addr, int addrlen);

    int getsockname(int sockfd, @Out Pointer addr, @In @Out Pointer addrlen);

    int accept4(int sockfd, Pointer addr, Pointer addrlen, int flags);

    int shutdown(int sockfd, int how);

    // file descriptors
    @ssize_t long read(int fd, @intptr_t long buf, @size_t long count);

    @ssize_t long write(int fd, @intptr_t long buf, @size_t long count);

    int close(int fd);

    int fcntl(int fd, int cmd, int arg);

    int pipe2(@Out int[] pipefd, int flags);

    // multiplexing
    int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, Pointer timeout);

    int poll(Pointer fds, @size_t long nfds, int timeout);

    int epoll_create1(int flags);

    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    // timers and wake-ups
    int timerfd_create(int clockid, int flags);

    int timerfd_settime(int fd, int flags, @In Pointer newValue, Pointer oldValue);

    int timerfd_gettime(int fd, @Out Pointer currValue);

    int eventfd(int initval, int flags);

    int clock_gettime(int clockid, @Out Pointer tp);

    // process
    int getrlimit(int resource, @Out Pointer rlim);

    int setrlimit(int resource, @In Pointer rlim);

    int getppid();

    String strerror(int errnum);

    /**
     * glibc's {@code syscall(2)}, for calls libc has no wrapper for (io_uring's three). Every
     * argument is passed as a full register: addresses as numbers, and ints widened, so no
     * argument of the variadic call has undefined upper bits.
     */
    @ssize_t long syscall(@ssize_t long number, @ssize_t long a1, @ssize_t long a2, @ssize_t long a3,
            @ssize_t long a4, @ssize_t long a5, @ssize_t long a6);

    // memory
    @intptr_t long calloc(@size_t long nmemb, @size_t long size);

    @intptr_t long realloc(@intptr_t long ptr, @size_t long size);

    void free(@intptr_t long ptr);

    /**
     * The first parameter is a {@link Pointer} (pass null) on purpose: declared as a Java long,
     * every call returned MAP_FAILED with EINVAL under jnr-ffi 2.2 on x86-64.
     */
    @intptr_t long mmap(Pointer addr, @size_t long length, int prot, int flags, int fd, @ssize_t long offset);

    int munmap(@intptr_t long addr, @size_t long length);
}
