package io.muxlab.delay.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A queue directory made by the version before the {@link Manifest}: segments, bases, a compaction's
 * temporary base and the lock file, and nothing else. Recognised by its names alone for a reader's
 * message; adopted by a writer only once its files also replay cleanly, so a user upgrading keeps
 * their tasks while a directory that merely borrows the names stays untouched.
 *
 * <p>The older version had no record of its newest segment, so adoption takes the newest on disk:
 * a segment lost before the upgrade cannot be told from one that never existed. The same holds for
 * a current queue whose manifest was deleted and whose other files are all of these names.
 */
final class OldLayout {
    /** Every name the older version creates in its directory. */
    private static final Pattern NAMES = Pattern.compile("segment-\\d{16}\\.log|base-\\d{16}\\.log|base-\\d{16}\\.tmp|lock");

    private OldLayout() {
    }

    /** Whether {@code names} (a directory's whole listing) are an older version's queue: all its names, a log among them. */
    static boolean matches(List<String> names) {
        boolean log = false;
        for (String n : names) {
            if (!NAMES.matcher(n).matches()) {
                return false;
            }
            log |= !n.equals(DirectoryLock.NAME) && n.endsWith(".log");
        }
        return log;
    }

    /**
     * Writes the manifest of an older version's queue, under the writer's lock, once its log replays
     * without a damaged record (a torn tail is what a crash of the older version leaves, and the
     * writer's own recovery truncates it next).
     *
     * @throws NotAQueueException the files do not replay: the directory is left as it was
     */
    static void adopt(Path dir, Consumer<String> warnings) throws IOException {
        try {
            // Its warnings (a torn tail) are the writer's own recovery's to give, right after this.
            LogRecovery.recoverReadOnly(dir, r -> { }, w -> { });
        } catch (CorruptLogException e) {
            throw new NotAQueueException(dir + " looks like a queue made by an older version, but its log does not replay ("
                    + e.getMessage() + "); its log is left as it was");
        }
        long newest = 0;
        for (long n : LogFiles.segments(dir)) {
            newest = Math.max(newest, n);
        }
        for (long n : LogFiles.bases(dir)) {
            newest = Math.max(newest, n);
        }
        Manifest.write(dir, newest);
        warnings.accept("adopted " + dir + ", a queue made by an older version: wrote its " + Manifest.NAME + " (newest segment "
                + newest + ")");
    }
}
