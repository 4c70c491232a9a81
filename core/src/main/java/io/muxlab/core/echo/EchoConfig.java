package io.muxlab.core.echo;

/**
 * How an echo server is asked to run; the same options for every server.
 *
 * @param host address to bind (IPv4 literal or name)
 * @param port port to bind; 0 for any free port
 * @param maxConnections connections served at once; one beyond it is accepted and closed at once
 * @param bufferLimit bytes the server holds for one connection before it stops reading from it
 * @param trace print one line per kernel event to standard output
 * @param traceSyscalls print one line per syscall the loop makes instead (servers on muxlab's
 *     syscall layer; the others ignore it)
 * @param idleTimeoutNanos close a connection that moved no byte for this long; 0 (the default): never
 * @param pitfall one classic mistake to switch on, for the lab; {@link Pitfall#NONE} by default
 *     (muxlab's echo loop only; the peers ignore it)
 */
public record EchoConfig(String host, int port, int maxConnections, int bufferLimit, boolean trace,
        boolean traceSyscalls, long idleTimeoutNanos, Pitfall pitfall) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_MAX_CONNECTIONS = 100_000;
    public static final int DEFAULT_BUFFER_LIMIT = 1 << 20;
    /**
     * The block a connection's buffer first reads into ({@link EchoBuffer}). Under edge-triggered
     * readiness a read that fills it is not short, so the loop must read once more to learn the
     * queue is empty: the harness's size section explains its extra read with this figure.
     */
    public static final int READ_BLOCK_BYTES = 16 * 1024;

    public EchoConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, not " + maxConnections);
        }
        if (bufferLimit < 1) {
            throw new IllegalArgumentException("buffer limit must be at least 1 byte, not " + bufferLimit);
        }
        if (pitfall == null) {
            throw new IllegalArgumentException("pitfall must not be null: Pitfall.NONE is the correct loop");
        }
        if (idleTimeoutNanos < 0) {
            throw new IllegalArgumentException("idle timeout must not be negative, not " + idleTimeoutNanos + " ns");
        }
    }

    /** 127.0.0.1, any free port, defaults otherwise, no trace, no idle timeout: what tests use. */
    public static EchoConfig loopbackAnyPort() {
        return new EchoConfig(DEFAULT_HOST, 0, DEFAULT_MAX_CONNECTIONS, DEFAULT_BUFFER_LIMIT, false, false, 0, Pitfall.NONE);
    }

    public EchoConfig withPort(int newPort) {
        return new EchoConfig(host, newPort, maxConnections, bufferLimit, trace, traceSyscalls, idleTimeoutNanos, pitfall);
    }

    public EchoConfig withMaxConnections(int n) {
        return new EchoConfig(host, port, n, bufferLimit, trace, traceSyscalls, idleTimeoutNanos, pitfall);
    }

    public EchoConfig withBufferLimit(int bytes) {
        return new EchoConfig(host, port, maxConnections, bytes, trace, traceSyscalls, idleTimeoutNanos, pitfall);
    }

    public EchoConfig withPitfall(Pitfall p) {
        return new EchoConfig(host, port, maxConnections, bufferLimit, trace, traceSyscalls, idleTimeoutNanos, p);
    }

    public EchoConfig withIdleTimeout(long nanos) {
        return new EchoConfig(host, port, maxConnections, bufferLimit, trace, traceSyscalls, nanos, pitfall);
    }
}
