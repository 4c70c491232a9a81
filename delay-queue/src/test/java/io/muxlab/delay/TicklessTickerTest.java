package io.muxlab.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ticker on the system clock is tickless: an empty queue's ticker does not wake at all, and a
 * task delayed while it sleeps still runs (the delay wakes it). Wake-ups are the ticker thread's
 * voluntary context switches, from {@code /proc/self/task/TID/status}.
 */
class TicklessTickerTest {
    /** The kernel keeps 15 bytes of a thread's name. */
    private static final String TICKER_COMM = "delay-queue-ticker".substring(0, 15);

    @TempDir
    Path dir;

    @Test
    void anEmptyQueueNeverWakesItsTickerAndADelayWakesIt() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults().withWorkers(1))) {
            q.register("rec", t -> ran.add(new String(t.payload(), StandardCharsets.UTF_8)));
            q.start();
            // The new thread gives the kernel its name once it runs, which may come after start() returns.
            Eventually.await("the ticker thread to take its name", () -> tickerStatus().isPresent());
            Path status = tickerStatus().orElseThrow();
            assertEquals(0, quietestWindow(status), "the ticker of an empty queue woke up");
            q.delay("rec", "later".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(20));
            Eventually.await("the task delayed while the ticker slept", () -> ran.size() == 1);
        }
    }

    /**
     * The fewest wake-ups seen in a 200 ms window, over a few windows: a loaded machine may take a
     * while to let the ticker settle into its sleep, but a ticker that keeps waking never shows a
     * quiet window, so this cannot pass by luck nor fail by slowness.
     */
    private static long quietestWindow(Path status) throws IOException, InterruptedException {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 8 && fewest > 0; i++) {
            long before = voluntarySwitches(status);
            Thread.sleep(200);
            fewest = Math.min(fewest, voluntarySwitches(status) - before);
        }
        return fewest;
    }

    /** The ticker's status file, if a thread of that name is under /proc/self/task; a thread that ends while listed is skipped. */
    private static Optional<Path> tickerStatus() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm")).strip().equals(TICKER_COMM)) {
                        return Optional.of(t.resolve("status"));
                    }
                } catch (IOException gone) {
                    // The thread exited between the listing and the read.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    private static long voluntarySwitches(Path status) throws IOException {
        for (String line : Files.readString(status).split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new IOException("no voluntary_ctxt_switches in " + status);
    }
}
