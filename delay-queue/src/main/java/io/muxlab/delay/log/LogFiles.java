package io.muxlab.delay.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names of the files in a queue directory, and the one way to make a directory change durable.
 * <pre>
 *   segment-0000000000000007.log   appended to in order; the highest is the one being written
 *   base-0000000000000006.log      a compacted snapshot replacing every segment numbered <= 6
 *   base-0000000000000006.tmp      a compaction in progress; deleted by the next writer to open
 *   import-4242.tmp                an 'enqueue --file' in progress (by pid 4242); renamed to a segment when whole
 *   damaged-segment-0000000000000007.log-at-191   a damaged last record recovery moved out of the log
 *   manifest                       what makes the directory a queue ({@link Manifest})
 *   lock                           the owner's lock ({@link DirectoryLock})
 * </pre>
 * Nothing else in the directory is the queue's, and nothing else is ever deleted.
 */
final class LogFiles {
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{16})\\.log");
    private static final Pattern BASE = Pattern.compile("base-(\\d{16})\\.log");
    private static final Pattern TEMP = Pattern.compile("base-\\d{16}\\.tmp|import-\\d+\\.tmp");

    private LogFiles() {
    }

    static Path segment(Path dir, long n) {
        return dir.resolve(String.format("segment-%016d.log", n));
    }

    static Path base(Path dir, long n) {
        return dir.resolve(String.format("base-%016d.log", n));
    }

    static Path baseTemp(Path dir, long n) {
        return dir.resolve(String.format("base-%016d.tmp", n));
    }

    static List<Long> segments(Path dir) {
        return numbers(dir, SEGMENT);
    }

    static List<Long> bases(Path dir) {
        return numbers(dir, BASE);
    }

    static Path importTemp(Path dir) {
        return dir.resolve("import-" + ProcessHandle.current().pid() + ".tmp");
    }

    static Path damaged(Path dir, String file, long offset) {
        return dir.resolve("damaged-" + file + "-at-" + offset);
    }

    /** A compaction's or an import's unfinished file: the only names cleanup may delete. */
    static boolean isTemp(String name) {
        return TEMP.matcher(name).matches();
    }

    /** fsync on the directory, so a create, rename or delete in it survives a crash. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static List<Long> numbers(Path dir, Pattern pattern) {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(null);
        return out;
    }
}
