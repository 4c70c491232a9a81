package io.muxlab.delay.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The file that makes a directory a queue, written when the queue is created and again each time a
 * segment is added:
 * <pre>
 *   muxlab delay-queue
 *   format 1
 *   last-segment 7
 * </pre>
 * Its presence is how opening tells a queue from a user's directory (which it refuses to touch), and
 * {@code last-segment} is how recovery notices that the newest segment was lost: numbering alone
 * shows a gap in the middle, never a missing end. Rewritten by temp file, fsync and rename, so a crash
 * leaves the old or the new one whole.
 */
final class Manifest {
    static final String NAME = "manifest";
    static final String TEMP = "manifest.tmp";
    private static final String MAGIC = "muxlab delay-queue";
    private static final String FORMAT = "format 1";
    private static final String LAST = "last-segment ";

    private Manifest() {
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(NAME));
    }

    /** The newest segment number it records; 0 if there is no manifest (a log written by a tool or test). */
    static long lastSegment(Path dir) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return 0;
        }
        if (lines.size() != 3 || !lines.get(0).equals(MAGIC) || !lines.get(1).equals(FORMAT) || !lines.get(2).startsWith(LAST)) {
            throw new CorruptLogException(dir.resolve(NAME) + " is not a delay-queue manifest of format 1");
        }
        try {
            return Long.parseLong(lines.get(2).substring(LAST.length()));
        } catch (NumberFormatException e) {
            throw new CorruptLogException(dir.resolve(NAME) + ": bad last-segment line '" + lines.get(2) + "'");
        }
    }

    static void write(Path dir, long lastSegment) throws IOException {
        Path temp = dir.resolve(TEMP);
        byte[] text = (MAGIC + "\n" + FORMAT + "\n" + LAST + lastSegment + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(text);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LogFiles.syncDirectory(dir);
    }
}
