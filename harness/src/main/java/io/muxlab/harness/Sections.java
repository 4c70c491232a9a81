package io.muxlab.harness;

import io.muxlab.harness.delay.DelayQueueSection;
import io.muxlab.harness.echo.ConnectionsSection;
import io.muxlab.harness.echo.FixedRateSection;
import io.muxlab.harness.echo.IdleSection;
import io.muxlab.harness.echo.ReadinessSection;
import io.muxlab.harness.echo.SizeSection;
import io.muxlab.harness.loops.ManyLoopsSection;
import io.muxlab.harness.pitfalls.PitfallsSection;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.timers.TimerSection;
import io.muxlab.harness.waitcost.WaitCostSection;
import java.util.List;

/** Every section the harness knows, in report order. A new section is one line here. */
public final class Sections {
    private Sections() {
    }

    public static List<Section> all() {
        return List.of(
                new WaitCostSection(),
                // Idle first among the echo sections: its largest N is then each server's first window,
                // the fresh process whose memory per idle connection is honest (IdleSection#plan).
                new IdleSection(),
                new ConnectionsSection(),
                new SizeSection(),
                new FixedRateSection(),
                new ReadinessSection(),
                new PitfallsSection(),
                new ManyLoopsSection(),
                new TimerSection(),
                new DelayQueueSection());
    }
}
