package io.muxlab.core.echo;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The face every echo server shows its main, the conformance suite and the harness: ours (one
 * echo loop over select, poll or epoll) and the peers (JDK NIO, Netty, thread-per-connection).
 *
 * <p>Lifecycle: {@link #bind} once, then {@link #run} on the thread that will serve, then
 * {@link #stop} from any thread. Threading: {@code bind} and {@code run} are called by one thread;
 * {@link #stop} and {@link #stats} may be called from any thread at any time after {@code bind}.
 */
public interface EchoServer {

    /** Short name for reports and summaries, e.g. {@code epoll-et}, {@code netty-epoll}. */
    String name();

    /**
     * Binds and listens on {@code config.host():config.port()} (port 0: any free port) and returns
     * the address actually bound. Connections that arrive before {@link #run} wait in the backlog.
     *
     * @throws io.muxlab.core.sys.SyscallException or {@link java.io.UncheckedIOException} if the
     *     address cannot be bound; nothing stays open then
     */
    InetSocketAddress bind(EchoConfig config);

    /**
     * Serves on the calling thread (or on the server's own threads, returning only when they end)
     * until {@link #stop} is called; then closes every connection and the listening socket and
     * releases all native resources before returning.
     */
    void run();

    /** Asks the server to stop; returns at once. Idempotent; {@link #run} returns promptly after. */
    void stop();

    /** A consistent-enough snapshot of the counters, safe from any thread. */
    EchoStats stats();

    /** Each loop's share when the server runs several (empty for one loop, and for servers that do not say). */
    default List<LoopStats> loops() {
        return List.of();
    }
}
