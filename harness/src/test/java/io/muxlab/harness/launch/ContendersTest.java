package io.muxlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.peers.NettyTransport;
import io.muxlab.uring.UringEchoMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContendersTest {
    @Test
    void anExternalServerNeedsANameAndAPortPlaceholder() {
        Contender c = Contenders.external("cecho=/opt/cecho --port {port}");
        assertEquals("cecho", c.name());
        assertEquals(List.of("/opt/cecho --port 7777"), c.commandFor(7777));
        assertThrows(IllegalArgumentException.class, () -> Contenders.external("cecho=/opt/cecho"));
        assertThrows(IllegalArgumentException.class, () -> Contenders.external("=/opt/cecho {port}"));
        assertThrows(IllegalArgumentException.class, () -> Contenders.external("jdk-nio=x {port}"));
    }

    @Test
    void aMissingJarSaysHowToBuildIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<modules><module>harness</module></modules>");
        Files.createDirectories(dir.resolve("harness/src"));
        ProjectRoot root = ProjectRoot.find(dir.resolve("harness/src"));
        assertEquals(dir.toAbsolutePath().normalize(), root.path());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Contenders.builtin("jdk-nio", root, Optional.empty()));
        assertTrue(e.getMessage().contains("mvn -B -DskipTests package"), e.getMessage());
    }

    @Test
    void everyJavaContenderGetsTheSameFlagsAndPortZero(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<module>harness</module>");
        Files.createDirectories(root.resolve("harness/target"));
        Files.writeString(root.resolve("harness/target/harness.jar"), "");
        Contender c = Contenders.builtin("netty-epoll", ProjectRoot.find(root), Optional.empty());
        List<String> cmd = c.commandFor(0);
        assertTrue(cmd.containsAll(ChildJvm.SERVER.flags()));
        assertEquals(List.of("--port", "0"), cmd.subList(cmd.size() - 2, cmd.size()));
        assertEquals(JavaRuntime.current().java().toString(), cmd.get(0));
        assertEquals(JavaRuntime.current().describe(), c.jvm());
    }

    @Test
    void theVirtualThreadPeerRunsOnTheJava21GivenAndOnlyItDoes(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<module>harness</module>");
        Files.createDirectories(root.resolve("harness/target"));
        Files.writeString(root.resolve("harness/target/harness.jar"), "");
        JavaRuntime java25 = fakeJdk(root.resolve("jdk-25"), "25.0.3");
        ProjectRoot project = ProjectRoot.find(root);

        Contender vt = Contenders.builtin("virtual-threads", project, Optional.of(java25));
        assertNull(vt.notRun());
        assertEquals(java25.java().toString(), vt.commandFor(0).get(0));
        assertEquals(java25.describe(), vt.jvm());
        Contender blocking = Contenders.builtin("blocking", project, Optional.of(java25));
        assertEquals(JavaRuntime.current().java().toString(), blocking.commandFor(0).get(0), "the others stay on the harness's JVM");
    }

    @Test
    void withoutAJava21TheVirtualThreadPeerIsListedAsNotRun(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<module>harness</module>");
        Files.createDirectories(root.resolve("harness/target"));
        Files.writeString(root.resolve("harness/target/harness.jar"), "");
        Contender vt = Contenders.builtin("virtual-threads", ProjectRoot.find(root), Optional.empty());
        if (JavaRuntime.current().feature() >= 21) {
            assertNull(vt.notRun(), "the harness's own JVM is new enough");
        } else {
            assertTrue(vt.notRun().startsWith("not run: needs Java 21+"), vt.notRun());
            assertTrue(vt.notRun().contains("--java21"), vt.notRun());
        }
    }

    @Test
    void theIoUringContendersRunTheirModesAndAreNotRunWhereTheProbeSaysSo(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<module>harness</module>");
        for (String module : List.of("harness", "uring-echo")) {
            Files.createDirectories(root.resolve(module + "/target"));
            Files.writeString(root.resolve(module + "/target/" + module + ".jar"), "");
        }
        ProjectRoot project = ProjectRoot.find(root);
        Map<String, List<String>> modes = Map.of("uring", List.of("--mode", "completion"), "uring-poll", List.of("--mode", "poll"),
                "netty-io_uring", List.of("--transport", "io_uring"), "netty-epoll", List.of("--transport", "epoll"));
        Optional<String> ours = UringEchoMain.unavailable();
        Optional<String> netty = NettyTransport.IO_URING.unavailable();
        for (Map.Entry<String, List<String>> e : modes.entrySet()) {
            Contender c = Contenders.builtin(e.getKey(), project, Optional.empty());
            List<String> cmd = c.commandFor(0);
            assertEquals(e.getValue(), cmd.subList(cmd.size() - 4, cmd.size() - 2), e.getKey());
            Optional<String> why = e.getKey().startsWith("uring") ? ours : e.getKey().equals("netty-io_uring") ? netty
                    : Optional.empty();
            assertEquals(why.map(Contenders::ioUringNotRun).orElse(null), c.notRun(), e.getKey());
        }
        assertTrue(Contenders.builtin("uring", project, Optional.empty()).commandFor(0).contains(
                root.resolve("uring-echo/target/uring-echo.jar").toString()), "uring runs from its module's jar");
        assertEquals("not run: io_uring unavailable (io_uring_setup failed: EPERM)", Contenders.ioUringNotRun(
                "io_uring_setup failed: EPERM"));
    }

    static JavaRuntime fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return JavaRuntime.at(home).orElseThrow();
    }
}
