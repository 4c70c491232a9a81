package io.muxlab.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.IoUring;
import io.muxlab.core.sys.IoUringAvailable;
import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.sys.ProcFs;
import io.muxlab.core.sys.Sockets;
import io.muxlab.core.sys.SyscallException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the conformance suite does not count: the ring mappings. A failed bind, a stop with
 * requests in flight (recvs waiting for data, the multishot accept) and a closed multiplexer each
 * give back the descriptors, the native memory and the mapped rings.
 */
@ExtendWith(IoUringAvailable.class)
class UringResourcesTest {

    @Test
    void aBindThatFailsReleasesWhatItOpened() {
        int taken = Sockets.listen("127.0.0.1", 0, 1);
        try {
            int port = Sockets.localAddress(taken).getPort();
            long fds = ProcFs.kernelObjects();
            long bytes = NativeMemory.liveBytes();
            long mapped = IoUring.liveMappedBytes();
            SyscallException e = assertThrows(SyscallException.class,
                    () -> new UringEchoServer().bind(EchoConfig.loopbackAnyPort().withPort(port)));
            assertEquals("bind", e.syscall());
            assertEquals(fds, ProcFs.kernelObjects(), "descriptors");
            assertEquals(bytes, NativeMemory.liveBytes(), "native memory");
            assertEquals(mapped, IoUring.liveMappedBytes(), "mapped rings");
        } finally {
            Fds.close(taken);
        }
    }

    @Test
    void aStopWithRequestsInFlightUnmapsTheRingsAfterTheirCompletions() throws Exception {
        long mapped = IoUring.liveMappedBytes();
        long bytes = NativeMemory.liveBytes();
        UringEchoServer server = new UringEchoServer();
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        Thread loop = new Thread(() -> {
            bound.complete(server.bind(EchoConfig.loopbackAnyPort()));
            server.run();
        }, "uring-resources");
        loop.setDaemon(true);
        loop.start();
        InetSocketAddress address = bound.get(30, TimeUnit.SECONDS);
        assertTrue(IoUring.liveMappedBytes() > mapped, "the server's rings are mapped");
        try (Socket idle = new Socket(address.getAddress(), address.getPort());
                Socket busy = new Socket(address.getAddress(), address.getPort())) {
            OutputStream out = busy.getOutputStream();
            out.write("ping".getBytes(StandardCharsets.US_ASCII));
            InputStream in = busy.getInputStream();
            assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), in.readNBytes(4));
            // Both connections now have a recv in flight, and the listener its multishot accept.
            server.stop();
            loop.join(10_000);
            assertFalse(loop.isAlive(), "run() returned after stop()");
        }
        assertEquals(mapped, IoUring.liveMappedBytes(), "rings unmapped");
        assertEquals(bytes, NativeMemory.liveBytes(), "buffers freed");
    }

    @Test
    void thePollMultiplexerUnmapsItsRingsOnClose() {
        long mapped = IoUring.liveMappedBytes();
        new UringPollMultiplexer().close();
        assertEquals(mapped, IoUring.liveMappedBytes());
    }
}
