package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * An {@link EchoServer} serving on its own thread, as the contract wants: bind and run on that
 * thread, stop from ours. {@link #close()} stops it and waits, so a failed test leaves nothing running.
 */
final class RunningServer implements AutoCloseable {
    private final EchoServer server;
    private final Thread thread;
    private final InetSocketAddress address;
    private final AtomicReference<Throwable> failure;

    private RunningServer(EchoServer server, Thread thread, InetSocketAddress address, AtomicReference<Throwable> failure) {
        this.server = server;
        this.thread = thread;
        this.address = address;
        this.failure = failure;
    }

    /** Binds {@code config} (port 0 on loopback in tests) and runs the server on a new thread named {@code threadName}. */
    static RunningServer start(EchoServer server, EchoConfig config, String threadName) {
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                bound.complete(server.bind(config));
            } catch (Throwable e) {
                bound.completeExceptionally(e);
                return;
            }
            try {
                server.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            return new RunningServer(server, thread, bound.get(30, TimeUnit.SECONDS), failure);
        } catch (ExecutionException e) {
            throw new AssertionError(server.name() + " could not bind", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(server.name() + " did not bind", e);
        }
    }

    static RunningServer start(EchoServer server, EchoConfig config) {
        return start(server, config, "echo-" + server.name());
    }

    InetSocketAddress address() {
        return address;
    }

    EchoStats stats() {
        return server.stats();
    }

    boolean running() {
        return thread.isAlive();
    }

    /** Stops the server and waits up to {@code timeoutMillis} for run() to return; returns the nanoseconds it took. */
    long stop(long timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        server.stop();
        thread.join(timeoutMillis);
        long took = System.nanoTime() - start;
        assertTrue(!thread.isAlive(), server.name() + ": run() did not return within " + timeoutMillis + " ms of stop()");
        Throwable e = failure.get();
        if (e != null) {
            throw new AssertionError(server.name() + ": run() failed", e);
        }
        return took;
    }

    /** Polls {@code condition} every few milliseconds until it holds; fails with {@code what} after {@code timeoutMillis}. */
    static void eventually(long timeoutMillis, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeoutMillis + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            try {
                stop(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping " + server.name(), e);
            }
        }
    }
}
