package io.muxlab.core.sys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What tests read from /proc to check that resources were released and loops do not spin: open
 * descriptors (of this process or a child) and a thread's CPU time.
 */
public final class ProcFs {
    /** USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux architecture. */
    public static final int TICKS_PER_SECOND = 100;

    private ProcFs() {
    }

    /**
     * This process's descriptors that are sockets, pipes or anonymous inodes (epoll, eventfd,
     * timerfd): what servers and multiplexers open. Files (jars the class loader opens lazily, logs)
     * are left out, so the count does not move when an unrelated class is loaded.
     */
    public static long kernelObjects() {
        long n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
                        n++;
                    }
                } catch (IOException e) {
                    // The descriptor that listed the directory itself is gone by now: not one of ours.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /** Every open descriptor of process {@code pid}. */
    public static long openDescriptors(long pid) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            long n = 0;
            for (Path ignored : fds) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * utime + stime, in ticks, of the thread of process {@code pid} whose name (as the kernel keeps
     * it: the first 15 characters) is {@code threadName}; -1 if there is no such thread.
     */
    public static long threadCpuTicks(long pid, String threadName) {
        String comm = threadName.length() > 15 ? threadName.substring(0, 15) : threadName;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                String name;
                try {
                    name = read(task.resolve("comm")).strip();
                } catch (NoSuchFileException e) {
                    continue; // a thread that ended after the listing (one just joined may still be listed)
                }
                if (name.equals(comm)) {
                    return cpuTicks(read(task.resolve("stat")));
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The whole of a /proc file. (Files.readString trusts the size the file reports, and /proc
     * files report 0, so it can return a truncated text; a stream read to the end cannot.)
     */
    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Fields 14 and 15 of a stat line, counted after the parenthesised command name (which may hold spaces). */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
