package io.muxlab.timer;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.core.timer.TimerService;
import java.time.Duration;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code java -jar timerfd-timer.jar --strategy heap --demo}: picks a strategy and walks through
 * what a timer service does, one traced line per event.
 */
public final class TimerMain {
    static final String PROGRAM = "timerfd-timer";
    /**
     * The demo's ticks. Coarser than 10 ms, a tick would swallow the demo's 50 ms periods (each
     * firing would report several expirations); finer than 1 us is below what a timerfd wake-up
     * resolves (a thread's timer slack is 50 us by default), so the figures would be noise.
     */
    static final Duration MIN_TICK = Duration.ofNanos(1_000);
    static final Duration MAX_TICK = Duration.ofMillis(10);
    private static final String DESCRIPTION = "Many timers on one epoll loop, kept three ways behind one TimerService "
            + "(each on its own loop thread; other threads hand it work through an eventfd):\n"
            + "  fd-per-timer  one timerfd per timer, each registered in epoll (what Python's timerstack does). The "
            + "kernel counts expirations; each timer costs a descriptor (RLIMIT_NOFILE caps them) and each "
            + "schedule/cancel a few syscalls.\n"
            + "  heap          one timerfd re-armed to the earliest deadline of a min-heap (libuv's way). O(log n) "
            + "schedule/cancel; wakes only when something is due.\n"
            + "  wheel         one timerfd armed for the next non-empty tick of a hierarchical timing wheel (--tick, "
            + "--slots). O(1) schedule/cancel, fires up to one tick late, wakes once per tick that holds a timer and "
            + "never while none is armed.\n"
            + "--demo walks through one-shot, periodic, cancel, overruns and reschedule, printing for each firing its "
            + "deadline, when it fired, how late, and the expiration count.";

    private TimerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }

    static int run(String[] args) throws InterruptedException {
        Options options = new Options();
        options.addOption(Option.builder().longOpt("strategy").hasArg().argName("NAME")
                .desc("fd-per-timer, heap or wheel (default heap)").build());
        options.addOption(Option.builder().longOpt("demo")
                .desc("walk through one-shot, periodic, cancel, overruns and reschedule (about 3 s)").build());
        options.addOption(Option.builder().longOpt("tick").hasArg().argName("DURATION")
                .desc("wheel: time per tick, from " + MIN_TICK.toNanos() / 1_000 + "us to " + MAX_TICK.toMillis()
                        + "ms, e.g. 1ms, 500us (default " + TimerServices.DEFAULT_TICK.toMillis() + "ms)").build());
        options.addOption(Option.builder().longOpt("slots").hasArg().argName("N")
                .desc("wheel: slots per level, a power of two (default " + TimerServices.DEFAULT_SLOTS + ")").build());
        TimerService service;
        try {
            CommandLine cmd = Cli.parse(options, args);
            if (cmd.hasOption("help")) {
                Cli.printHelp(PROGRAM, DESCRIPTION, options, null);
                return Cli.EXIT_OK;
            }
            if (!cmd.hasOption("demo")) {
                throw new UsageException("nothing to do: add --demo (or see --help)");
            }
            String strategy = cmd.getOptionValue("strategy", TimerServices.HEAP);
            if (!TimerServices.NAMES.contains(strategy)) {
                throw new UsageException("unknown --strategy '" + strategy + "' (choose " + String.join(", ", TimerServices.NAMES) + ")");
            }
            Duration tick = tick(cmd);
            int slots = Cli.intOption(cmd, "slots", TimerServices.DEFAULT_SLOTS, 2, 65_536);
            if (Integer.bitCount(slots) != 1) {
                throw new UsageException("--slots must be a power of two, not " + slots);
            }
            service = TimerServices.create(strategy, tick, slots);
        } catch (UsageException e) {
            return Cli.usageError(PROGRAM, e.getMessage());
        }
        try (service) {
            System.out.println("strategy " + service.name());
            String failure = new Demo(service, System.out).run();
            if (failure != null) {
                System.err.println(PROGRAM + ": " + failure);
                return Cli.EXIT_FAILURE;
            }
            return Cli.EXIT_OK;
        }
    }

    private static Duration tick(CommandLine cmd) throws UsageException {
        String value = cmd.getOptionValue("tick");
        if (value == null) {
            return TimerServices.DEFAULT_TICK;
        }
        Duration tick;
        try {
            tick = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tick: " + e.getMessage());
        }
        if (tick.compareTo(MIN_TICK) < 0 || tick.compareTo(MAX_TICK) > 0) {
            throw new UsageException("--tick must be from 1us to 10ms for the demo (its timers are 50 ms apart and "
                    + "a timerfd resolves about 50 us), not " + value);
        }
        return tick;
    }
}
