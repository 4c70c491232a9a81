package io.muxlab.harness.load;

import java.net.InetSocketAddress;

/**
 * One load run.
 *
 * @param address the server
 * @param connections active connections, each carrying messages
 * @param idle connections opened first and then left silent (the idle-descriptor scenario)
 * @param messageBytes size of a message, header included
 * @param depth closed loop: messages each connection keeps in flight
 * @param rate open loop: messages per second over all active connections; 0 for closed loop
 * @param warmupNanos load before the measured window (JIT, caches, TCP windows)
 * @param measureNanos the measured window
 * @param threads load threads; connections are dealt to them round-robin
 */
public record LoadSpec(InetSocketAddress address, int connections, int idle, int messageBytes, int depth,
        double rate, long warmupNanos, long measureNanos, int threads) {

    /** Open loop: at most this many messages in flight per connection before sends wait (still stamped on time). */
    static final int OPEN_LOOP_MAX_IN_FLIGHT = 1024;

    public LoadSpec {
        if (connections < 1 || idle < 0 || depth < 1 || threads < 1 || rate < 0) {
            throw new IllegalArgumentException("bad load: " + connections + " connections, " + idle + " idle, depth "
                    + depth + ", " + threads + " threads, rate " + rate);
        }
        if (messageBytes <= Wire.HEADER_BYTES) {
            throw new IllegalArgumentException("messages must be longer than the " + Wire.HEADER_BYTES
                    + "-byte header, not " + messageBytes);
        }
        if (warmupNanos < 0 || measureNanos <= 0) {
            throw new IllegalArgumentException("the measured window must be positive");
        }
    }

    public boolean openLoop() {
        return rate > 0;
    }
}
