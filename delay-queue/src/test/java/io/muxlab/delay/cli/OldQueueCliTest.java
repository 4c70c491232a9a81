package io.muxlab.delay.cli;

import static io.muxlab.delay.cli.CliRun.assertError;
import static io.muxlab.delay.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.log.OldQueueFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user upgrading: list and stats on the old queue say what to do; the first enqueue adopts it and the old tasks are listed. */
class OldQueueCliTest {
    @TempDir
    Path tmp;

    @Test
    void readersPointAtAWritingCommandWhichAdoptsTheQueue() throws Exception {
        Path dir = tmp.resolve("q");
        OldQueueFiles.write(dir, System.currentTimeMillis() + Duration.ofHours(1).toMillis());
        Map<String, byte[]> before = OldQueueFiles.contents(dir);
        for (String command : new String[] {"list", "stats"}) {
            assertError(run(command, "--dir", dir.toString()), 1, "made by an older version: run any writing command once to adopt it");
        }
        assertEquals(before.keySet(), OldQueueFiles.contents(dir).keySet(), "nothing created or removed");

        CliRun.Result enqueue = run("enqueue", "--dir", dir.toString(), "--task", "print", "--delay", "1h", "--payload", "new");
        assertEquals(0, enqueue.status(), enqueue.err());
        assertTrue(enqueue.err().contains("adopted"), enqueue.err());
        assertTrue(Files.exists(dir.resolve("manifest")));
        CliRun.Result list = run("list", "--dir", dir.toString());
        assertEquals(0, list.status(), list.err());
        for (String payload : new String[] {"task 1", "task 4", "task 5", "task 6", "new"}) {
            assertTrue(list.out().contains(payload), list.out());
        }
        assertTrue(!list.out().contains("task 2") && !list.out().contains("task 3"), "done and cancelled stay so: " + list.out());
    }
}
