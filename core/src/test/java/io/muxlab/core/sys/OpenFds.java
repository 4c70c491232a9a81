package io.muxlab.core.sys;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This process's open descriptors, the kernel's own view of what leaked.
 *
 * <p>Tests compare snapshots by what each descriptor points at, not by count: the JVM opens files
 * of its own at any moment (a jar the class loader reaches for the first time, a library), and a
 * count would call that a leak. What the syscall layer makes are sockets, pipes and anonymous
 * inodes (epoll, timerfd, eventfd), so those are what a leak looks like.
 */
final class OpenFds {
    private OpenFds() {
    }

    /** Descriptor number to what {@code /proc/self/fd/N} links to. */
    static Map<Integer, String> snapshot() {
        String[] entries = new File("/proc/self/fd").list();
        if (entries == null) {
            throw new IllegalStateException("/proc/self/fd is not readable");
        }
        Map<Integer, String> fds = new HashMap<>();
        for (String e : entries) {
            try {
                fds.put(Integer.parseInt(e), Files.readSymbolicLink(Path.of("/proc/self/fd", e)).toString());
            } catch (IOException gone) {
                // closed between the listing and the read (the listing's own descriptor, for one)
            }
        }
        return fds;
    }

    /** Sockets, pipes and anonymous inodes open now that were not open (as the same thing) in {@code before}. */
    static List<String> newKernelObjects(Map<Integer, String> before) {
        List<String> opened = new ArrayList<>();
        for (Map.Entry<Integer, String> e : snapshot().entrySet()) {
            String target = e.getValue();
            boolean kernelObject = target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:");
            if (kernelObject && !target.equals(before.get(e.getKey()))) {
                opened.add(e.getKey() + " -> " + target);
            }
        }
        return opened;
    }
}
