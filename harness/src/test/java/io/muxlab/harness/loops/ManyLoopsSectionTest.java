package io.muxlab.harness.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One run per accept model on epoll-lt; the table gives the per-loop split, the busiest share and the wake-ups. */
class ManyLoopsSectionTest {
    private static Settings settings(List<Contender> contenders) {
        return new Settings(true, 1, 1, contenders, 1, 1, 1, Path.of("out"), "../docs", 1024, 1);
    }

    @Test
    void oneRunPerModelOnTheLevelTriggeredServer() {
        Contender lt = new Contender("epoll-lt", Contender.Kind.OURS, List.of("java", "Main"), true, true, 0, "Java 17", null);
        assertEquals(List.of("epoll-lt --loops 4 --accept shared conns=100", "epoll-lt --loops 4 --accept exclusive conns=100",
                "epoll-lt --loops 4 --accept reuseport conns=100"),
                new ManyLoopsSection().plan(settings(List.of(lt))).stream().map(r -> r.label()).toList());
        assertEquals(0, new ManyLoopsSection().plan(settings(List.of())).size());
        Contender et = new Contender("epoll-et", Contender.Kind.OURS, List.of("java", "Main"), true, true, 0, "Java 17", null);
        assertEquals("epoll-et --loops 4 --accept shared conns=100",
                new ManyLoopsSection().plan(settings(List.of(et))).get(0).label(), "epoll-et when it is the only epoll");
    }

    @Test
    void theTableShowsWhoTookTheConnections() {
        List<Row> rows = List.of(new ManyLoopsRow("exclusive", "epoll-lt --loops 4 --accept exclusive", 4, 100,
                List.of(0L, 0L, 100L, 0L), List.of(0L, 0L, 900L, 0L), 2.1, 0.02, 1000, 5000, 0, null));
        String html = new ManyLoopsSection().render(rows, null, settings(List.of()));
        assertTrue(html.contains("<td>[0, 0, 100, 0]</td><td>100%</td><td>[0, 0, 900, 0]</td><td>2.1</td><td>0.02</td>"), html);
        assertTrue(html.contains("../docs/many-loops.html"), html);
    }
}
