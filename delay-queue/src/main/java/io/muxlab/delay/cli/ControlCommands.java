package io.muxlab.delay.cli;

import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.BulkEnqueue;
import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.TaskInfo;
import io.muxlab.delay.TaskRequest;
import io.muxlab.delay.log.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a running queue answers on its control socket ({@link ControlServer}), one request line each:
 * <pre>
 *   enqueue TASK DELAY_MS PAYLOAD_BASE64   -> "enqueued task ID" once durable
 *   enqueue-file PATH                      -> "enqueued N tasks": all lines of the file or none
 *   list | stats                           -> what the subcommands print
 *   cancel ID | requeue ID | requeue --all-dead | purge-dead
 * </pre>
 * An answer is lines of {@code out TEXT} and {@code err TEXT}, then {@code exit STATUS}; the client
 * ({@link ControlClient}) prints them as the subcommand would have. An enqueue waits for durability
 * with {@link DelayQueue#delayAsync}, on no thread; the others, which wait for an fsync or copy the
 * table, run one at a time on a thread of their own, never on the event loop.
 */
final class ControlCommands implements AutoCloseable {
    private final DelayQueue queue;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "delay-queue-control-commands");
        t.setDaemon(true);
        return t;
    });

    ControlCommands(DelayQueue queue) {
        this.queue = queue;
    }

    CompletableFuture<String> handle(String request) {
        String[] words = request.split(" ", -1);
        try {
            if (request.startsWith("enqueue-file ")) {
                Path file = Path.of(request.substring("enqueue-file ".length()));
                return CompletableFuture.supplyAsync(() -> enqueueFile(file), worker);
            }
            if (words[0].equals("enqueue") && words.length == 4) {
                if (!Commands.TASK_NAMES.contains(words[1])) {
                    return CompletableFuture.completedFuture(failure(2, "unknown task '" + words[1] + "'"));
                }
                byte[] payload = Base64.getDecoder().decode(words[3]);
                return queue.delayAsync(words[1], payload, Duration.ofMillis(Long.parseLong(words[2])))
                        .thenApply(id -> "out enqueued task " + id + "\nexit 0\n");
            }
            return CompletableFuture.supplyAsync(() -> run(words), worker);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return CompletableFuture.completedFuture(failure(1, e.getMessage()));
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** An answer that is one error line and an exit status. */
    static String failure(int status, String message) {
        return "err " + Commands.PROGRAM + ": " + message.replace('\n', ' ') + "\nexit " + status + "\n";
    }

    private String run(String[] words) {
        switch (words[0]) {
            case "list" -> {
                return out(ListCommand.render(queue.pending(), queue.dead())) + "exit 0\n";
            }
            case "stats" -> {
                return out(StatsCommand.render(queue.stats(), queue.recoveryTime())) + "exit 0\n";
            }
            case "cancel" -> {
                long id = Long.parseLong(words[1]);
                return queue.cancel(id) ? "out cancelled task " + id + "\nexit 0\n"
                        : failure(1, "task " + id + " is not waiting or dead (unknown, done, or running right now): not cancelled");
            }
            case "requeue" -> {
                if (words[1].equals("--all-dead")) {
                    long n = 0;
                    for (TaskInfo t : queue.dead()) {
                        n += queue.requeue(t.id()) ? 1 : 0;
                    }
                    return "out requeued " + n + " dead tasks\nexit 0\n";
                }
                long id = Long.parseLong(words[1]);
                return queue.requeue(id) ? "out requeued task " + id + "\nexit 0\n" : failure(1, "task " + id + " is not dead: not requeued");
            }
            case "purge-dead" -> {
                long n = 0;
                for (TaskInfo t : queue.dead()) {
                    n += queue.cancel(t.id()) ? 1 : 0;
                }
                return "out purged " + n + " dead tasks\nexit 0\n";
            }
            default -> {
                return failure(2, "unknown control request '" + words[0] + "'");
            }
        }
    }

    /** All lines of the file or none, as {@code enqueue --file} without a runner, but into this running queue. */
    private String enqueueFile(Path file) {
        long count = 0;
        try (TaskFile in = TaskFile.open(file); BulkEnqueue bulk = queue.bulk()) {
            for (TaskRequest r = in.next(); r != null; r = in.next()) {
                bulk.add(r);
                count++;
            }
            if (count == 0) {
                return failure(2, "--file " + file + " holds no tasks");
            }
            bulk.commit();
        } catch (UsageException e) {
            return failure(2, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return failure(1, "nothing of " + file + " was enqueued: " + IoErrors.describe(e));
        }
        return "out enqueued " + count + " tasks\nexit 0\n";
    }

    private static String out(String text) {
        StringBuilder b = new StringBuilder();
        text.lines().forEach(l -> b.append("out ").append(l).append('\n'));
        return b.toString();
    }
}
