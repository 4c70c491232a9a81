package io.muxlab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.section.Section;
import io.muxlab.harness.Sections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --quick} end to end on a reduced set: real child JVMs started from the module jars, every
 * scenario (the timers' and the delay queue's too), a report and results.json. Runs after
 * {@code package}, when the jars exist. The timer section always runs all five facilities. The
 * virtual-thread peer runs on a Java 21+ if the machine has one, else its rows say why not; uring runs
 * where the kernel lets it use io_uring, else its rows say why not.
 */
class HarnessQuickIT {
    static final List<String> SERVERS = List.of("epoll-et", "uring", "jdk-nio", "virtual-threads");
    static final String NEEDS_JAVA_21 = "not run: needs Java 21+";
    static final String NO_IO_URING = "not run: io_uring unavailable (";
    static final List<String> TIMER_FACILITIES = List.of("heap", "wheel", "fd-per-timer", "stpe", "netty-hwt");

    @Test
    void quickRunWritesARowForEveryContenderWithNoErrors(@TempDir Path out) throws Exception {
        String[] args = {"--quick", "--servers", String.join(",", SERVERS), "--duration", "100ms", "--rate", "2000",
                "--out", out.toString()};
        int status = assertTimeoutPreemptively(Duration.ofSeconds(150), () -> Main.run(args, Path.of("").toAbsolutePath()));
        assertEquals(0, status);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) Json.parse(Files.readString(out.resolve("results.json")));
        Set<String> scenarios = rows.stream().map(r -> (String) r.get("scenario")).collect(Collectors.toSet());
        // A section that only draws on others' rows (readiness vs completion) has none of its own.
        assertEquals(Sections.all().stream().filter(s -> s.drawsOn().isEmpty()).map(Section::id).collect(Collectors.toSet()),
                scenarios, "every section that runs something made rows");
        for (String server : SERVERS) {
            List<Map<String, Object>> mine = rows.stream()
                    .filter(r -> server.equals(r.get("server")) && !"wait-cost".equals(r.get("scenario"))).toList();
            assertEquals(7, mine.size(), server + ": one row per quick run");
            for (Map<String, Object> r : mine) {
                assertEquals(0.0, r.get("errors"), server + " " + r);
                if (r.get("note") != null) {
                    assertTrue(List.of("virtual-threads", "uring").contains(server), r.toString());
                    assertTrue(((String) r.get("note")).startsWith(server.equals("uring") ? NO_IO_URING : NEEDS_JAVA_21),
                            r.toString());
                    continue;
                }
                assertTrue(((String) r.get("jvm")).startsWith("Java "), server + " " + r);
                assertTrue((Double) r.get("serverRssBytes") > 0, server + " " + r);
                if ("idle".equals(r.get("scenario")) && (Double) r.get("connections") > 10) {
                    assertTrue(r.get("rssBytesPerIdleConnection") instanceof Double, server + " " + r);
                }
                assertTrue((Double) r.get("messagesPerSecond") > 0, server + " " + r);
                for (String field : List.of("connections", "active", "messageBytes", "p50Micros", "p99Micros", "p999Micros",
                        "maxMicros", "serverCpuMicrosPerMessage")) {
                    assertTrue(r.containsKey(field), field);
                }
            }
        }
        for (String facility : TIMER_FACILITIES) {
            List<Map<String, Object>> mine = rows.stream()
                    .filter(r -> "timers".equals(r.get("scenario")) && facility.equals(r.get("server"))).toList();
            assertEquals(List.of("lateness", "lateness", "idle", "idle", "due", "due", "heap", "schedule-cancel"),
                    mine.stream().map(r -> r.get("workload")).toList(), facility);
            for (Map<String, Object> r : mine) {
                assertEquals(0.0, r.get("errors"), facility + " " + r);
                if (r.get("note") != null) {
                    // Only fd-per-timer may be held back, by a descriptor limit below what the run needs.
                    assertEquals("fd-per-timer", facility, r.toString());
                    assertTrue(((String) r.get("note")).startsWith("not run: needs "), r.toString());
                    continue;
                }
                String figure = switch ((String) r.get("workload")) {
                    case "lateness" -> "p99Micros";
                    case "idle", "due" -> "wakeupsPerSecond";
                    case "heap" -> "heapBytesPerTimer";
                    default -> "opsPerSecond";
                };
                assertTrue(r.get(figure) instanceof Double, facility + " " + figure + " " + r);
            }
        }
        List<Map<String, Object>> waits = rows.stream().filter(r -> "wait-cost".equals(r.get("scenario"))).toList();
        assertEquals(20, waits.size(), "five backends at four N");
        for (Map<String, Object> r : waits) {
            assertEquals(0.0, r.get("errors"), r.toString());
            assertTrue(r.get("note") != null || r.get("cpuNanosPerCall") instanceof Double, r.toString());
        }
        List<Map<String, Object>> delay = rows.stream().filter(r -> "delay-queue".equals(r.get("scenario"))).toList();
        assertEquals(14, delay.size(), "the quick delay-queue plan");
        assertEquals(1, delay.stream().filter(r -> Double.valueOf(100).equals(r.get("tasksPerCall"))).count(),
                "one batched enqueue row (delayAll of 100 tasks)");
        assertEquals(1, delay.stream().filter(r -> Double.valueOf(1000).equals(r.get("inFlight"))).count(),
                "one asynchronous enqueue row (delayAsync, 1 000 in flight per producer)");
        for (Map<String, Object> r : delay) {
            assertEquals(0.0, r.get("errors"), r.toString());
            String figure = switch ((String) r.get("measure")) {
                case "enqueue" -> "opsPerSecond";
                case "lateness" -> "p99Micros";
                default -> "heapBytesPerTask";
            };
            assertTrue(r.get(figure) instanceof Double, figure + " in " + r);
        }
        assertFalse(Files.exists(out.resolve("queues")), "queue directories are deleted");

        String html = Files.readString(out.resolve("index.html"));
        for (String chart : List.of("wait-cost", "throughput-vs-connections", "p99-vs-connections", "throughput-vs-idle", "mbps-vs-size",
                "cpu-per-message", "p99-at-fixed-rate", "memory-per-idle-connection", "readiness-syscalls", "readiness-cpu",
                "readiness-throughput", "timer-lateness-p99", "timer-idle-wakeups", "timer-idle-cpu",
                "timer-schedule-cancel-1000", "delay-enqueue", "delay-lateness", "delay-recovery", "delay-heap")) {
            assertTrue(html.contains(chart + ".png"), chart);
            assertTrue(Files.size(out.resolve(chart + ".png")) > 1000, chart);
        }
        assertTrue(html.contains("RLIMIT_NOFILE"));
        assertTrue(html.contains("Their JVMs</dt><dd>Java "), "the report names each contender's JVM");
        assertTrue(html.contains("<h2 id=\"readiness-vs-completion\">"), "the readiness vs completion section");
        for (Section section : Sections.all()) {
            if (section.childJvmFlags().isEmpty()) {
                continue;
            }
            String flags = "<h2 id=\"" + section.id() + "\">";
            int at = html.indexOf(flags);
            assertTrue(at >= 0, section.id());
            assertTrue(html.indexOf("<code>java " + String.join(" ", section.childJvmFlags()) + " -cp", at) > at,
                    "the report states the child JVM flags of " + section.id());
        }
        assertTrue(html.contains("-Xmx1g") && html.contains("-Xmx256m"), "the workloads' heap and the servers' heap");
    }
}
