package io.muxlab.harness.launch;

import static io.muxlab.harness.launch.ContendersTest.fakeJdk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeTest {
    @Test
    void readsTheReleaseFileOfAHomeOrOfItsJavaLauncher(@TempDir Path dir) throws IOException {
        JavaRuntime r = fakeJdk(dir.resolve("jdk"), "21.0.5");
        assertEquals(21, r.feature());
        assertEquals("Test", r.vendor());
        assertEquals(Optional.of(r), JavaRuntime.at(dir.resolve("jdk/bin/java")));
        assertEquals(Optional.empty(), JavaRuntime.at(dir), "no release file, no runtime");
        assertEquals(8, new JavaRuntime(dir, "1.8.0_392", "").feature());
    }

    @Test
    void findsTheNewestJava21OrLaterWhenTheHarnessIsOlderAndNoneIsNamed(@TempDir Path dir) throws IOException {
        fakeJdk(dir.resolve("jdk-17"), "17.0.15");
        fakeJdk(dir.resolve("jdk-21"), "21.0.5");
        JavaRuntime newest = fakeJdk(dir.resolve("jdk-25"), "25.0.3");
        Files.createDirectories(dir.resolve("not-a-jdk"));
        Optional<JavaRuntime> found = JavaRuntime.atLeast(21, null, List.of(dir, dir.resolve("missing")));
        if (JavaRuntime.current().feature() >= 21) {
            assertEquals(Optional.of(JavaRuntime.current()), found, "the harness's own JVM comes first");
        } else {
            assertEquals(Optional.of(newest), found);
        }
        assertEquals(JavaRuntime.current().feature() >= 30 ? Optional.of(JavaRuntime.current()) : Optional.empty(),
                JavaRuntime.atLeast(30, null, List.of(dir)));
    }

    @Test
    void aNamedRuntimeWinsAndMustBeNewEnough(@TempDir Path dir) throws IOException {
        JavaRuntime java21 = fakeJdk(dir.resolve("jdk-21"), "21.0.5");
        fakeJdk(dir.resolve("jdk-17"), "17.0.15");
        assertEquals(Optional.of(java21), JavaRuntime.atLeast(21, dir.resolve("jdk-21"), List.of()));
        IllegalArgumentException old = assertThrows(IllegalArgumentException.class,
                () -> JavaRuntime.atLeast(21, dir.resolve("jdk-17"), List.of()));
        assertTrue(old.getMessage().contains("is Java 17.0.15, not Java 21+"), old.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JavaRuntime.atLeast(21, dir.resolve("nothing"), List.of()));
    }
}
