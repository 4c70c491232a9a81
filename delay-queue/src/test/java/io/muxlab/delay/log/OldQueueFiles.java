package io.muxlab.delay.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a queue directory as the version before the manifest left it (git 82f0697): numbered
 * segments, each an 8-byte header then framed records, and a {@code lock} file holding the last
 * owner's pid — and nothing else. The record codec has not changed since, so it frames the records.
 */
public final class OldQueueFiles {
    /** A task an hour ahead in the old queue, under handler {@code print}. */
    public static final String NAME = "print";

    private OldQueueFiles() {
    }

    /**
     * Six tasks added over two segments, task 2 done and task 3 cancelled in the second: 1, 4, 5 and
     * 6 are pending, and the old queue had handed out ids up to 6.
     */
    public static void write(Path dir, long dueMillis) throws IOException {
        Files.createDirectories(dir);
        segment(dir, 1, List.of(add(1, dueMillis), add(2, dueMillis), add(3, dueMillis), add(4, dueMillis)));
        segment(dir, 2, List.of(LogRecord.done(2), add(5, dueMillis), LogRecord.cancel(3), add(6, dueMillis)));
        Files.writeString(dir.resolve("lock"), "4242\n", StandardCharsets.US_ASCII);
    }

    /** Every file's name and bytes, to show nothing changed. */
    public static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static LogRecord add(long id, long dueMillis) {
        return LogRecord.add(id, dueMillis, 0, NAME, ("task " + id).getBytes(StandardCharsets.UTF_8));
    }

    private static void segment(Path dir, long number, List<LogRecord> records) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(RecordCodec.SEGMENT_HEADER_BYTES
                + records.stream().mapToInt(RecordCodec::frameBytes).sum());
        RecordCodec.writeSegmentHeader(buf);
        records.forEach(r -> RecordCodec.encode(r, buf));
        Files.write(LogFiles.segment(dir, number), buf.array());
    }
}
