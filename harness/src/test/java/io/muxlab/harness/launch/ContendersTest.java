package io.muxlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Contenders.builtin("jdk-nio", root));
        assertTrue(e.getMessage().contains("mvn -B -DskipTests package"), e.getMessage());
    }

    @Test
    void everyJavaContenderGetsTheSameFlagsAndPortZero(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<module>harness</module>");
        Files.createDirectories(root.resolve("harness/target"));
        Files.writeString(root.resolve("harness/target/harness.jar"), "");
        Contender c = Contenders.builtin("netty-epoll", ProjectRoot.find(root));
        List<String> cmd = c.commandFor(0);
        assertTrue(cmd.containsAll(ChildJvm.SERVER.flags()));
        assertEquals(List.of("--port", "0"), cmd.subList(cmd.size() - 2, cmd.size()));
    }
}
