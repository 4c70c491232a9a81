package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Random;

/** Blocking-socket moves the conformance checks make: connect, echo, reset, and what a closed connection looks like. */
final class Clients {
    private Clients() {
    }

    static Socket connect(InetSocketAddress server) throws IOException {
        Socket s = new Socket(server.getAddress(), server.getPort());
        s.setTcpNoDelay(true);
        s.setSoTimeout(30_000);
        return s;
    }

    /** Sends {@code payload} and reads it back (the payloads here fit the kernel's buffers, so no deadlock). */
    static void echo(Socket s, byte[] payload) throws IOException {
        s.getOutputStream().write(payload);
        s.getOutputStream().flush();
        byte[] echoed = s.getInputStream().readNBytes(payload.length);
        assertArrayEquals(payload, echoed, payload.length + "-byte echo");
    }

    static void assertClosedByServer(Socket s) throws IOException {
        try {
            assertEquals(-1, s.getInputStream().read(), "a refused connection should be closed by the server");
        } catch (SocketException e) {
            assertNotNull(e.getMessage()); // reset: closed by the server too
        }
    }

    /** SO_LINGER 0: close sends RST instead of FIN. */
    static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    static byte[] randomBytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
