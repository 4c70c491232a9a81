package io.muxlab.delay.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.QueueOptions;
import io.muxlab.delay.QueueSnapshot;
import io.muxlab.delay.TaskInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queue made by the version before the manifest: readers leave it alone and say how to adopt it; the first writer adopts it. */
class OldLayoutTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private QueueOptions options() {
        return QueueOptions.defaults().withWarnings(warnings::add);
    }

    private static long inAnHour() {
        return System.currentTimeMillis() + Duration.ofHours(1).toMillis();
    }

    @Test
    void aReaderSaysHowToAdoptItAndChangesNothing() throws Exception {
        Path dir = tmp.resolve("old");
        OldQueueFiles.write(dir, inAnHour());
        Map<String, byte[]> before = OldQueueFiles.contents(dir);
        NotAQueueException e = assertThrows(NotAQueueException.class, () -> QueueSnapshot.read(dir, options()));
        assertTrue(e.getMessage().contains("made by an older version: run any writing command once to adopt it"), e.getMessage());
        assertSame(before, OldQueueFiles.contents(dir));
    }

    @Test
    void theFirstWriterAdoptsItAndEveryTaskSurvives() throws Exception {
        Path dir = tmp.resolve("old");
        long due = inAnHour();
        OldQueueFiles.write(dir, due);
        long next;
        try (DelayQueue q = DelayQueue.open(dir, options())) {
            assertEquals(List.of(1L, 4L, 5L, 6L), q.pending().stream().map(TaskInfo::id).toList());
            TaskInfo first = q.pending().get(0);
            assertEquals(OldQueueFiles.NAME, first.name());
            assertEquals(due, first.dueMillis());
            assertArrayEquals("task 1".getBytes(), first.payload());
            q.register(OldQueueFiles.NAME, t -> { });
            next = q.delay(OldQueueFiles.NAME, new byte[0], Duration.ofHours(1));
        }
        assertEquals(7, next, "ids go on after the old queue's");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("adopted") && w.contains("older version")), warnings.toString());
        assertEquals(List.of("muxlab delay-queue", "format 1", "last-segment 2"),
                Files.readAllLines(dir.resolve(Manifest.NAME)), "the old queue's newest segment, which the writer appends to");
        assertFalse(Files.exists(dir.resolve(Manifest.TEMP)));
        QueueSnapshot s = QueueSnapshot.read(dir, options());
        assertEquals(List.of(1L, 4L, 5L, 6L, 7L), s.pending().stream().map(TaskInfo::id).toList(), "a reader opens it now");
    }

    @Test
    void aLostNewestSegmentIsCaughtOnceAdopted() throws Exception {
        Path dir = tmp.resolve("old");
        OldQueueFiles.write(dir, inAnHour());
        DelayQueue.open(dir, options()).close();
        long last = Manifest.lastSegment(dir);
        Files.delete(LogFiles.segment(dir, last));
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> DelayQueue.open(dir, options()).close());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void oldNamesWhoseLogDoesNotReplayAreNotAdopted() throws Exception {
        Path dir = tmp.resolve("old");
        OldQueueFiles.write(dir, inAnHour());
        Path first = LogFiles.segment(dir, 1);
        byte[] bytes = Files.readAllBytes(first);
        bytes[RecordCodec.SEGMENT_HEADER_BYTES + RecordCodec.FRAME_HEADER_BYTES + 3] ^= 1;
        Files.write(first, bytes);
        Map<String, byte[]> before = OldQueueFiles.contents(dir);
        NotAQueueException e = assertThrows(NotAQueueException.class, () -> DelayQueue.open(dir, options()).close());
        assertTrue(e.getMessage().contains("older version") && e.getMessage().contains("does not replay"), e.getMessage());
        Map<String, byte[]> after = OldQueueFiles.contents(dir);
        assertFalse(after.containsKey(Manifest.NAME), "not adopted");
        after.remove(DirectoryLock.NAME);
        before.remove(DirectoryLock.NAME);
        assertSame(before, after);
    }

    @Test
    void anyNameTheOldVersionNeverMadeKeepsTheDirectoryForeign() throws Exception {
        Path dir = tmp.resolve("old");
        OldQueueFiles.write(dir, inAnHour());
        Files.writeString(dir.resolve("notes.txt"), "the user's");
        Map<String, byte[]> before = OldQueueFiles.contents(dir);
        NotAQueueException e = assertThrows(NotAQueueException.class, () -> DelayQueue.open(dir, options()).close());
        assertTrue(e.getMessage().contains("is not a delay-queue directory"), e.getMessage());
        assertSame(before, OldQueueFiles.contents(dir));
    }

    private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }
}
