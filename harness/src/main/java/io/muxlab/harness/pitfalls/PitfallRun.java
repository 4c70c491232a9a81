package io.muxlab.harness.pitfalls;

import io.muxlab.core.echo.Pitfall;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.launch.ServerProcess;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.RunContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One server, correct or with one {@code --pitfall}, under the small load that shows that
 * pitfall's symptom ({@link Symptoms}); a fresh process per run, started by the one launcher.
 */
final class PitfallRun implements PlannedRun {
    /** The shortest window that still gives CPU time in 10 ms ticks a meaning. */
    static final long MIN_WINDOW_NANOS = 500_000_000L;

    private final Pitfall pitfall;
    private final Contender base;
    private final boolean wrong;
    private final String server;

    PitfallRun(Pitfall pitfall, Contender base, boolean wrong) {
        this.pitfall = pitfall;
        this.base = base;
        this.wrong = wrong;
        this.server = base.name() + (wrong ? " --pitfall " + pitfall.cliName() : " (correct)");
    }

    @Override
    public String label() {
        return server;
    }

    /** What the figure of {@code p}'s runs measures. */
    static String measure(Pitfall p) {
        return switch (p) {
            case BUSY_POLL -> "idle CPU";
            case ALWAYS_WRITABLE -> "wake-ups, " + Symptoms.IDLE_CONNECTIONS + " idle connections";
            case SINGLE_READ -> "48 KiB sent at once";
            case IGNORE_RDHUP -> "send, half-close, wait for the FIN";
            case UNBOUNDED -> "a peer that never reads";
            case NONE -> throw new IllegalArgumentException("the correct loop has no symptom");
        };
    }

    @Override
    public Row run(RunContext context) {
        long window = Math.max(MIN_WINDOW_NANOS, context.settings().measureNanos());
        List<String> command = new ArrayList<>(base.command());
        if (wrong) {
            command.addAll(List.of("--pitfall", pitfall.cliName()));
        }
        Contender contender = base.variant(server, command);
        try (ServerProcess process = ServerProcess.start(contender, context.log(server))) {
            Symptoms.Figure figure = switch (pitfall) {
                case BUSY_POLL -> Symptoms.idleCpu(process, window);
                case ALWAYS_WRITABLE -> Symptoms.wakeUps(process, window);
                case SINGLE_READ -> Symptoms.bigMessage(process);
                case IGNORE_RDHUP -> Symptoms.halfClosers(process);
                case UNBOUNDED -> Symptoms.rssGrowth(process, window);
                case NONE -> throw new IllegalStateException("the correct loop has no symptom");
            };
            if (pitfall != Pitfall.ALWAYS_WRITABLE) {
                process.stop(Symptoms.IDLE_CONNECTIONS); // the wake-up probe stops it itself, for the summary
            }
            return new PitfallRow(pitfall.cliName(), server, wrong, measure(pitfall), figure.value(), figure.shown(), figure.hung(),
                    0, null);
        } catch (IOException | RuntimeException e) {
            return new PitfallRow(pitfall.cliName(), server, wrong, measure(pitfall), Double.NaN, "", false, 1,
                    e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PitfallRow(pitfall.cliName(), server, wrong, measure(pitfall), Double.NaN, "", false, 1, "interrupted");
        }
    }
}
