package io.muxlab.delay;

/**
 * A task as {@link DelayQueue#pending} and {@link DelayQueue#dead} list it.
 *
 * @param id task id
 * @param name handler name
 * @param dueMillis when it is (or was) due, epoch milliseconds
 * @param attempts failed attempts so far
 * @param payload its bytes
 * @param running whether a worker holds it right now
 */
public record TaskInfo(long id, String name, long dueMillis, int attempts, byte[] payload, boolean running) {
}
