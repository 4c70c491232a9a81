package io.muxlab.delay.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.QueueOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segment that goes missing, in the middle or at the end, is a clear error naming it, never a smaller queue. */
class SegmentGapTest {
    @TempDir
    Path tmp;

    private static QueueOptions small() {
        return QueueOptions.defaults().withLogSizes(4096, 1L << 40).withWarnings(w -> { });
    }

    @Test
    void aMissingSegmentAnywhereRefusesToOpenNamingIt() throws Exception {
        Path dir = tmp.resolve("q");
        try (DelayQueue q = DelayQueue.open(dir, small())) {
            q.register("t", t -> { });
            for (int i = 0; i < 16; i++) {
                q.delay("t", new byte[1500], Duration.ofHours(1));
            }
        }
        List<Long> segments = LogFiles.segments(dir);
        assertTrue(segments.size() >= 4, segments.toString());
        Path aside = Files.createDirectories(tmp.resolve("aside"));
        for (long missing : List.of(segments.get(1), segments.get(segments.size() - 1))) {
            Path file = LogFiles.segment(dir, missing);
            Files.move(file, aside.resolve(file.getFileName()));
            CorruptLogException e = assertThrows(CorruptLogException.class, () -> DelayQueue.open(dir, small()).close());
            assertTrue(e.getMessage().contains(file.getFileName().toString()) && e.getMessage().contains("missing"), e.getMessage());
            Files.move(aside.resolve(file.getFileName()), file, StandardCopyOption.ATOMIC_MOVE);
        }
        try (DelayQueue q = DelayQueue.open(dir, small())) {
            assertEquals(16, q.stats().pending(), "all back");
        }
    }
}
