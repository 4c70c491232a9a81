package io.muxlab.harness.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server holds in memory at one moment, in two parts: its own resident memory, and the
 * kernel's socket buffers charged to its connections.
 *
 * <ul>
 *   <li>{@code rssBytes}: VmRSS from {@code /proc/PID/status}, the pages of the process that are in
 *       RAM now (heap, thread stacks, native buffers, code), as the kernel counts them.
 *   <li>{@code socketBufferBytes}: for every established TCP socket on the server's port, as
 *       {@code ss -tm} reads it from the kernel (sock_diag): bytes queued to read ({@code r}) and to send
 *       ({@code w}), memory reserved ahead for the socket ({@code f}) and option memory ({@code o}).
 *       Not the socket's own structures (a TCP socket, its file and inode are a few KiB of slab),
 *       which no unprivileged file shows per process. -1 where {@code ss} is missing or fails.
 * </ul>
 *
 * @param rssBytes -1 if it could not be read
 * @param socketBufferBytes -1 if not sampled or not readable
 */
public record MemorySample(long rssBytes, long socketBufferBytes) {
    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB$", Pattern.MULTILINE);
    private static final Pattern SKMEM = Pattern.compile("skmem:\\(([^)]*)\\)");
    private static final long SS_MILLIS = 10_000;

    /** Samples the process {@code pid}; its sockets too if {@code sockets} (one {@code ss} child, its output under {@code log}'s name). */
    static MemorySample take(long pid, int port, boolean sockets, Path log) {
        return new MemorySample(rss(pid), sockets ? socketBuffers(port, log) : -1);
    }

    static long rss(long pid) {
        try {
            return vmRssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return -1;
        }
    }

    /** VmRSS in {@code /proc/PID/status} text, in bytes; -1 if absent. */
    static long vmRssBytes(String status) {
        Matcher m = VM_RSS.matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    /** The sum of {@code r}, {@code w}, {@code f} and {@code o} over every {@code skmem:(…)} in {@code ss -tm} output. */
    static long skmemBytes(String ssOutput) {
        long sum = 0;
        Matcher m = SKMEM.matcher(ssOutput);
        while (m.find()) {
            for (String field : m.group(1).split(",")) {
                String key = field.replaceAll("[0-9]", "");
                if (List.of("r", "w", "f", "o").contains(key)) {
                    sum += Long.parseLong(field.substring(key.length()));
                }
            }
        }
        return sum;
    }

    private static long socketBuffers(int port, Path log) {
        List<String> cmd = List.of("ss", "-tmnH", "state", "established", "sport", "=", ":" + port);
        try (ChildProcess ss = ChildProcess.tool(cmd, log)) {
            try {
                if (!ss.waitFor(SS_MILLIS) || ss.exitValue() != 0) {
                    return -1;
                }
                return skmemBytes(ss.stdout());
            } finally {
                // 15 000 sockets are two megabytes of text, read once.
                Files.deleteIfExists(ss.out());
            }
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
