package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.peers.NioMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's lifecycle on a real server process (the JDK NIO peer from the test classpath, on a free port). */
class WarmServersTest {
    private static final Contender NIO = new Contender("jdk-nio", Contender.Kind.PEER,
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                    NioMain.class.getName(), "--port", "0"), true, true, 0, "Java", null);

    /** What a window saw of its server. */
    private record Seen(long pid, boolean first) {
    }

    private static Seen see(WarmServers.Lease lease) {
        return new Seen(lease.server().pid(), lease.first());
    }

    @Test
    void oneProcessServesEveryWindowUntilTheLastStopsIt(@TempDir Path dir) throws IOException {
        try (WarmServers pool = new WarmServers()) {
            Seen a = pool.window(NIO, dir.resolve("a.log"), false, false, 1, WarmServersTest::see).value();
            Seen b = pool.window(NIO, dir.resolve("b.log"), false, false, 1, WarmServersTest::see).value();
            WarmServers.Done<Seen> c = pool.window(NIO, dir.resolve("c.log"), false, true, 1, WarmServersTest::see);
            assertTrue(a.first());
            assertFalse(b.first(), "the second window finds the server warm");
            assertEquals(a.pid(), b.pid());
            assertEquals(a.pid(), c.value().pid());
            assertNull(c.stopError(), "SIGTERM, its summary, exit 0");
            assertGone(a.pid());
        }
    }

    @Test
    void aWindowThatThrowsOrIsSpoiledTakesItsServerWithItAndTheNextStartsAnother(@TempDir Path dir) throws IOException {
        long kept;
        try (WarmServers pool = new WarmServers()) {
            Seen a = pool.window(NIO, dir.resolve("a.log"), false, false, 1, WarmServersTest::see).value();
            IOException thrown = assertThrows(IOException.class, () -> pool.window(NIO, dir.resolve("b.log"), false, false, 1,
                    lease -> {
                        throw new IOException("the load failed");
                    }));
            assertEquals("the load failed", thrown.getMessage());
            assertGone(a.pid());
            Seen b = pool.window(NIO, dir.resolve("c.log"), false, false, 1, lease -> {
                lease.spoil();
                return see(lease);
            }).value();
            assertNotEquals(a.pid(), b.pid());
            assertTrue(b.first(), "a new process after the failure");
            assertGone(b.pid());
            Seen c = pool.window(NIO, dir.resolve("d.log"), false, false, 1, WarmServersTest::see).value();
            assertTrue(c.first());
            kept = c.pid();
            assertTrue(ProcessHandle.of(kept).map(ProcessHandle::isAlive).orElse(false), "kept for a later window");
        }
        assertGone(kept);
    }

    @Test
    void aFreshWindowGetsANewProcessAndADeadServerFailsTheWindowThatFindsIt(@TempDir Path dir) throws IOException {
        try (WarmServers pool = new WarmServers()) {
            Seen a = pool.window(NIO, dir.resolve("a.log"), false, false, 1, WarmServersTest::see).value();
            Seen b = pool.window(NIO, dir.resolve("b.log"), true, false, 1, WarmServersTest::see).value();
            assertNotEquals(a.pid(), b.pid());
            assertTrue(b.first());
            assertGone(a.pid());
            ProcessHandle.of(b.pid()).ifPresent(ProcessHandle::destroyForcibly);
            assertGone(b.pid());
            IOException e = assertThrows(IOException.class, () -> pool.window(NIO, dir.resolve("c.log"), false, false, 1,
                    WarmServersTest::see));
            assertTrue(e.getMessage().contains("after its previous window"), e.getMessage());
            assertTrue(pool.window(NIO, dir.resolve("d.log"), false, true, 1, WarmServersTest::see).value().first());
        }
    }

    private static void assertGone(long pid) {
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " is gone");
    }
}
