package io.muxlab.delay.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The control socket of a running queue, {@code DIR/control.sock}: while {@code run} holds the
 * directory, {@code enqueue}, {@code list}, {@code stats}, {@code cancel}, {@code requeue} and
 * {@code purge-dead} reach it here instead of opening the directory (which its lock forbids).
 *
 * <p>One event-loop thread serves every client: accept, read one request line, hand it to the
 * command handler, which answers with a future (an enqueue's completes when its task is durable, so
 * the acknowledgement means what it means everywhere else), write the answer, close. Answers come
 * back from other threads through a queue and {@link Selector#wakeup}, so the loop never blocks on
 * an fsync. It is the JDK's {@code Selector} (epoll on Linux) over a UNIX-domain
 * {@code ServerSocketChannel}: the lab's own epoll binding has no AF_UNIX bind or connect yet.
 */
final class ControlServer implements AutoCloseable {
    static final String SOCKET = "control.sock";
    /** A request longer than this is refused: the largest payload, base64, plus the command. */
    private static final int MAX_REQUEST = 23 << 20;

    private final Path socket;
    private final Function<String, CompletableFuture<String>> handler;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Client> answered = new ConcurrentLinkedQueue<>();
    private final Thread loop;
    private volatile boolean closing;

    /**
     * Binds the socket (removing one a killed runner left: the caller holds the queue's lock, so no
     * one else serves it) and starts the loop. {@code handler} maps a request line to the answer's text.
     */
    ControlServer(Path dir, Function<String, CompletableFuture<String>> handler) throws IOException {
        this.socket = dir.resolve(SOCKET);
        this.handler = handler;
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            this.selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        this.loop = new Thread(this::serve, "delay-queue-control");
        loop.setDaemon(true);
        loop.start();
    }

    /** Stops serving: clients not yet answered are disconnected (they did not get an acknowledgement). */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        selector.wakeup();
        boolean interrupted = false;
        while (loop.isAlive()) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
        Files.deleteIfExists(socket);
    }

    private void serve() {
        try {
            while (!closing) {
                selector.select();
                for (Client c = answered.poll(); c != null; c = answered.poll()) {
                    c.key.interestOps(SelectionKey.OP_WRITE);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        read((Client) key.attachment());
                    } else if (key.isWritable()) {
                        write((Client) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("control socket " + socket, e);
        }
    }

    private void accept() throws IOException {
        SocketChannel ch = server.accept();
        if (ch == null) {
            return;
        }
        ch.configureBlocking(false);
        Client c = new Client(ch);
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
    }

    private void read(Client c) throws IOException {
        int from = c.in.position();
        int n;
        try {
            n = c.channel.read(c.in);
        } catch (IOException e) {
            n = -1;
        }
        int newline = indexOf(c.in, from, (byte) '\n');
        if (newline < 0 && n >= 0 && c.in.position() < MAX_REQUEST) {
            if (!c.in.hasRemaining()) {
                c.in = ByteBuffer.allocate(Math.min(MAX_REQUEST, c.in.capacity() * 2)).put(c.in.flip());
            }
            return;
        }
        c.key.interestOps(0);
        if (newline < 0) {
            answer(c, n < 0 ? null : ControlCommands.failure(2, "request longer than " + MAX_REQUEST + " bytes"));
            return;
        }
        String request = new String(c.in.array(), 0, newline, StandardCharsets.UTF_8);
        handler.apply(request).whenComplete((text, e) -> {
            answer(c, e == null ? text : ControlCommands.failure(1, String.valueOf(e.getMessage())));
        });
    }

    /** From any thread: the answer is ready (null: just close). */
    private void answer(Client c, String text) {
        c.out = text == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        answered.add(c);
        selector.wakeup();
    }

    private void write(Client c) throws IOException {
        try {
            c.channel.write(c.out);
        } catch (IOException e) {
            c.out.position(c.out.limit());
        }
        if (!c.out.hasRemaining()) {
            c.key.cancel();
            c.channel.close();
        }
    }

    private static int indexOf(ByteBuffer buf, int from, byte b) {
        byte[] a = buf.array();
        for (int i = from; i < buf.position(); i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** One connection: its request as it arrives, then its answer. The loop thread's, but for {@code out}. */
    private static final class Client {
        final SocketChannel channel;
        SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(512);
        /** Set by whichever thread completes the request, before it is queued on {@code answered}. */
        volatile ByteBuffer out;

        Client(SocketChannel channel) {
            this.channel = channel;
        }
    }
}
