package io.muxlab.harness.section;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.muxlab.harness.launch.Contender;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void namesEachJvmOnceWithTheContendersThatRanOnIt() {
        List<Contender> contenders = List.of(
                contender("epoll-et", "Java 17.0.15 (Debian, /jvm/17)", null),
                contender("virtual-threads", "Java 25.0.3 (Temurin, /jvm/25)", null),
                contender("jdk-nio", "Java 17.0.15 (Debian, /jvm/17)", null),
                contender("late", "Java 17.0.15 (Debian, /jvm/17)", "not run: needs Java 21+ (none here)"),
                contender("cecho", null, null));
        Settings s = new Settings(true, 1, 1, contenders, 1, 1, 1, Path.of("out"), "docs", 1024, 1);
        assertEquals(List.of("Java 17.0.15 (Debian, /jvm/17): epoll-et, jdk-nio", "Java 25.0.3 (Temurin, /jvm/25): virtual-threads",
                "not run: needs Java 21+ (none here): late", "external command, not started by the harness's JVM: cecho"), s.jvms());
    }

    private static Contender contender(String name, String jvm, String notRun) {
        return new Contender(name, Contender.Kind.PEER, List.of("x"), true, true, 0, jvm, notRun);
    }
}
