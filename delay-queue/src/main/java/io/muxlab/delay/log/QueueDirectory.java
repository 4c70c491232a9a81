package io.muxlab.delay.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Opening a directory as a queue, and the rule that keeps the queue's hands off everything else: a
 * directory is a queue if it holds the {@link Manifest}; a missing or empty one becomes a queue; one
 * made by the older version without a manifest ({@link OldLayout}) is adopted by the first writer
 * and refused by readers with a word on how to adopt it; any other directory is refused untouched. Cleanup after a crash removes only names the queue itself
 * creates ({@link LogFiles#isTemp}), and only when opening for writing.
 */
public final class QueueDirectory {
    private QueueDirectory() {
    }

    /**
     * Takes the writer's lock, creating the queue if the directory is missing or empty, or adopting
     * an older version's, and cleans up after a crash.
     */
    public static DirectoryLock openForWriting(Path dir, Consumer<String> warnings) throws IOException {
        Files.createDirectories(dir);
        DirectoryLock lock;
        if (Manifest.exists(dir)) {
            lock = DirectoryLock.acquire(dir);
        } else {
            boolean old = OldLayout.matches(queueNames(dir));
            if (!old) {
                refuseIfForeign(dir);
            }
            // The older version's lock file is the same kind of lock: an older process still running keeps us out.
            DirectoryLock created = old && Files.exists(dir.resolve(DirectoryLock.NAME)) ? null : DirectoryLock.create(dir);
            lock = created != null ? created : DirectoryLock.acquire(dir);
            try {
                // Checked again under the lock: a creator that lost the race must not adopt a foreign file.
                if (!Manifest.exists(dir) && OldLayout.matches(queueNames(dir))) {
                    OldLayout.adopt(dir, warnings);
                } else if (!Manifest.exists(dir)) {
                    refuseIfForeign(dir);
                    Manifest.write(dir, 0);
                }
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        }
        try {
            removeTemps(dir, warnings);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /** Takes a reader's lock on an existing queue; changes nothing. */
    public static DirectoryLock openForReading(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotAQueueException("no queue directory " + dir);
        }
        if (!Manifest.exists(dir)) {
            if (OldLayout.matches(queueNames(dir))) {
                throw new NotAQueueException(dir + " was made by an older version: run any writing command "
                        + "once to adopt it (enqueue, run, cancel, requeue or purge-dead); nothing was changed");
            }
            refuseIfForeign(dir);
            throw new NotAQueueException(dir + " is not a delay-queue directory yet (it is empty)");
        }
        return DirectoryLock.acquireShared(dir);
    }

    /** Throws unless everything in the directory is what creating a queue leaves (so it may be finished). */
    private static void refuseIfForeign(Path dir) {
        List<String> foreign = queueNames(dir).stream().filter(n -> !n.equals(DirectoryLock.NAME)).toList();
        if (foreign.isEmpty()) {
            return;
        }
        boolean looksLikeQueue = foreign.stream().anyMatch(n -> n.startsWith("segment-") || n.startsWith("base-"));
        throw new NotAQueueException(dir + " is not a delay-queue directory: it holds " + foreign.get(0)
                + (foreign.size() > 1 ? " and " + (foreign.size() - 1) + " more" : "") + " and no " + Manifest.NAME + " file"
                + (looksLikeQueue ? " (its queue files suggest the manifest was deleted: restore it from a backup)"
                        : "; refusing to touch it (give --dir a new or empty directory)"));
    }

    private static void removeTemps(Path dir, Consumer<String> warnings) throws IOException {
        for (String name : names(dir)) {
            if (LogFiles.isTemp(name) || DirectoryLock.isTemp(name) || name.equals(Manifest.TEMP)) {
                warnings.accept("removing " + name + ", left behind by a process that stopped midway");
                Files.delete(dir.resolve(name));
            }
        }
    }

    /** The listing without what an interrupted creation or adoption leaves (a manifest or lock file under its temporary name). */
    private static List<String> queueNames(Path dir) {
        return names(dir).stream().filter(n -> !n.equals(Manifest.TEMP) && !DirectoryLock.isTemp(n)).toList();
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
