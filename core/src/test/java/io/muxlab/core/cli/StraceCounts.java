package io.muxlab.core.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, from the output of {@code strace -f}, the calls an echo server's own descriptors saw:
 * the listening socket (the one handed to {@code listen}), the wake-up eventfd, the epoll instance,
 * the io_uring instances and every accepted connection, each from the line that created it to the
 * line that closed it, whichever thread made the call; the waits that take no descriptor (select,
 * poll) on the thread that waited; and every {@code io_uring_setup} (the JVM sets up no ring of its
 * own). The JVM's own calls (class files read, its own sockets) fall outside, so what is left is
 * what muxlab's layer made and counted.
 *
 * <p>A connection accepted by an io_uring request (the completion loop's multishot accept) is made
 * inside the kernel, with no line for strace; the server's first call on it is
 * {@code setsockopt(fd, SOL_TCP, TCP_NODELAY)}, so in a process that set up a ring, that line makes
 * an unknown descriptor ours. Its recvs and sends are requests too, so only that setsockopt and its
 * close are left to count, besides the enters.
 *
 * <p>strace's names are mapped to libc's ({@code epoll_pwait} is {@code epoll_wait}, {@code pselect6}
 * is {@code select}, {@code eventfd2} is {@code eventfd}), because the libc wrapper picks the syscall.
 */
final class StraceCounts {
    /** The syscalls to hand strace's {@code -e trace=}. */
    static final String TRACED = "read,write,close,accept4,epoll_wait,epoll_pwait,epoll_ctl,epoll_create1,poll,ppoll,select,"
            + "pselect6,setsockopt,socket,bind,listen,eventfd2,io_uring_setup,io_uring_enter,io_uring_register";
    /** What is compared: every call on the server's descriptors that the summary counts. */
    static final List<String> COMPARED = List.of("accept4", "bind", "close", "epoll_ctl", "epoll_wait", "io_uring_enter",
            "io_uring_register", "io_uring_setup", "listen", "poll", "read", "select", "setsockopt", "write");
    /** Calls whose first argument is no descriptor (io_uring_setup's is a count of entries). */
    private static final Set<String> NO_FD = Set.of("socket", "eventfd", "epoll_create1", "io_uring_setup");

    /** How the listener's socket() looks: the JVM's own sockets (an IPv6 probe, nscd) differ. */
    private static final String OUR_SOCKET = "AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK";
    // 1234 name(args... = result   or   1234 name(args <unfinished ...>   or   1234 <... name resumed>... = result
    private static final Pattern START = Pattern.compile("^(\\d+)\\s+([a-z0-9_]+)\\((.*)$");
    private static final Pattern RESUMED = Pattern.compile("^(\\d+)\\s+<\\.\\.\\. ([a-z0-9_]+) resumed>(.*)$");
    private static final Pattern RESULT = Pattern.compile("\\)\\s+=\\s+(-?\\d+)");
    private static final Pattern FIRST_FD = Pattern.compile("^(\\d+)(?:[,)]| <unfinished)");

    private StraceCounts() {
    }

    /** Calls per libc name on the server's descriptors, from strace's lines in the order it wrote them. */
    static Map<String, Long> count(List<String> lines) {
        Set<Integer> listeners = listeners(lines);
        Set<Integer> ours = new HashSet<>();
        boolean ring = false;
        Map<String, String> pending = new HashMap<>(); // tid -> the name of a call left unfinished
        Map<String, Long> counts = new TreeMap<>();
        Set<String> waiters = new HashSet<>();
        for (String line : lines) {
            Matcher resumed = RESUMED.matcher(line);
            if (resumed.matches()) {
                String name = pending.remove(resumed.group(1));
                if (name != null) {
                    created(name, result(resumed.group(3)), listeners, ours);
                }
                continue;
            }
            Matcher m = START.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String tid = m.group(1);
            String name = libcName(m.group(2));
            String rest = m.group(3);
            Matcher first = FIRST_FD.matcher(rest);
            int fd = !NO_FD.contains(name) && first.find() ? Integer.parseInt(first.group(1)) : -1;
            boolean unfinished = rest.endsWith("<unfinished ...>");
            if (name.equals("select") || name.equals("poll")) {
                // No descriptor to go by: the waits of the thread that waits on select or poll.
                if (waiters.isEmpty() || waiters.contains(tid)) {
                    waiters.add(tid);
                    counts.merge(name, 1L, Long::sum);
                }
                continue;
            }
            if (name.equals("io_uring_setup")) {
                ring = true;
                counts.merge(name, 1L, Long::sum);
            }
            if (ring && fd >= 0 && name.equals("setsockopt") && rest.contains("TCP_NODELAY")) {
                ours.add(fd); // a connection an io_uring accept made (see the class comment)
            }
            if (fd >= 0 && ours.contains(fd)) {
                counts.merge(name, 1L, Long::sum);
                if (name.equals("close")) {
                    ours.remove(fd);
                }
            }
            if (unfinished) {
                pending.put(tid, name);
            } else if (!name.equals("socket") || rest.startsWith(OUR_SOCKET)) {
                created(name, result(rest), listeners, ours);
            }
        }
        return counts;
    }

    /** A descriptor the server made becomes ours: the listener's socket, the eventfd, the epoll instance, an accepted connection. */
    private static void created(String name, long fd, Set<Integer> listeners, Set<Integer> ours) {
        if (fd < 0) {
            return;
        }
        boolean server = switch (name) {
            case "socket" -> listeners.contains((int) fd);
            case "eventfd", "epoll_create1", "io_uring_setup", "accept4" -> true;
            default -> false;
        };
        if (server) {
            ours.add((int) fd);
        }
    }

    /** The descriptors handed to listen: the server's listening sockets (the JVM listens on none). */
    private static Set<Integer> listeners(List<String> lines) {
        Set<Integer> listeners = new HashSet<>();
        for (String line : lines) {
            Matcher m = START.matcher(line);
            if (m.matches() && m.group(2).equals("listen")) {
                Matcher first = FIRST_FD.matcher(m.group(3));
                if (first.find()) {
                    listeners.add(Integer.parseInt(first.group(1)));
                }
            }
        }
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("strace saw no listen");
        }
        return listeners;
    }

    private static long result(String rest) {
        Matcher r = RESULT.matcher(rest);
        long value = Long.MIN_VALUE;
        while (r.find()) {
            value = Long.parseLong(r.group(1));
        }
        return value == Long.MIN_VALUE ? -1 : value;
    }

    private static String libcName(String syscall) {
        return switch (syscall) {
            case "epoll_pwait" -> "epoll_wait";
            case "pselect6" -> "select";
            case "ppoll" -> "poll";
            case "eventfd2" -> "eventfd";
            default -> syscall;
        };
    }
}
