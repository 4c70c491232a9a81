package io.muxlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muxlab.core.sys.FdSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The C twins are built from the harness's sources, keep muxlab's server contract and its echo rules, and say why when they cannot run. */
class CTwinsTest {
    static Stream<String> twins() {
        return CTwins.NAMES.stream();
    }

    /** A checkout holding only the twins' sources, so each test compiles its own binaries. */
    private static ProjectRoot checkout(Path dir) throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<module>harness</module>");
        Path src = ProjectRoot.find(Path.of("")).path().resolve("harness/src/main/c");
        Path copy = Files.createDirectories(dir.resolve("harness/src/main/c"));
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return ProjectRoot.find(dir);
    }

    @Test
    void withoutACompilerEachTwinSaysWhyItIsNotRun(@TempDir Path dir) throws IOException {
        Contender c = CTwins.contender(CTwins.EPOLL, checkout(dir), Optional.empty());
        assertTrue(c.notRun().startsWith("not run: no C compiler (cc)"), c.notRun());
        assertTrue(Contenders.isBuiltin(CTwins.POLL));
        assertTrue(Contenders.names().containsAll(CTwins.NAMES));
        assertEquals(Optional.empty(), CTwins.compiler(dir.toString()), "no cc in that folder");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void echoesEveryByteWithBackpressureAndStopsWithASummary(String name, @TempDir Path dir) throws Exception {
        Optional<Path> cc = CTwins.compiler(System.getenv("PATH"));
        assumeTrue(cc.isPresent(), "no C compiler (cc) on PATH");
        Contender twin = CTwins.contender(name, checkout(dir), cc);
        assertNull(twin.notRun(), twin.notRun());
        assertEquals(name.equals(CTwins.SELECT) ? FdSet.FD_SETSIZE : 0, twin.descriptorLimit());
        assertTrue(twin.jvm().startsWith("native, compiled by "), twin.jvm());
        byte[] small = random(1, 3000);
        byte[] big = random(2, 2 << 20);
        try (ServerProcess server = ServerProcess.start(twin, dir.resolve("twin.log"))) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (Socket a = new Socket(server.address().getAddress(), server.address().getPort());
                        Socket b = new Socket(server.address().getAddress(), server.address().getPort())) {
                    a.getOutputStream().write(small);
                    assertArrayEquals(small, read(a.getInputStream(), small.length));
                    // Twice the twin's 1 MiB buffer, written before any of it is read back: it must pause, not drop.
                    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                        try {
                            b.getOutputStream().write(big);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    assertArrayEquals(big, read(b.getInputStream(), big.length));
                    writer.join();
                }
            });
            Summary summary = server.stop(2);
            assertTrue(summary.counted(), "the twin counts its calls");
            assertNotNull(summary.perSyscall().get("read"), summary.perSyscall().toString());
            assertTrue(summary.perSyscall().get("write") > 0, summary.perSyscall().toString());
        }
    }

    private static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertEquals(n, b.length, "the echo ended early");
        return b;
    }
}
