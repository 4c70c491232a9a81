package io.muxlab.delay;

import java.time.Duration;

/** One task to enqueue with {@link DelayQueue#delayAll}: handler name, bytes, delay from now. */
public record TaskRequest(String name, byte[] payload, Duration delay) {
}
