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
 *   base-0000000000000006.tmp      a compaction in progress; deleted on open
 *   lock                           held with FileChannel.tryLock, holds the owner's pid
 * </pre>
 */
final class LogFiles {
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{16})\\.log");
    private static final Pattern BASE = Pattern.compile("base-(\\d{16})\\.log");

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

    static List<Path> temps(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
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
