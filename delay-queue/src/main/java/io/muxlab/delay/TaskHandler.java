package io.muxlab.delay;

/**
 * Runs a task. Delivery is at-least-once: a handler may see the same task again after a crash
 * (if the process died between the handler returning and the done record reaching the log), so
 * it must be idempotent. Throwing counts as a failed attempt: the task is retried with backoff,
 * and after the last attempt it is kept as dead.
 */
@FunctionalInterface
public interface TaskHandler {
    void handle(Task task) throws Exception;
}
