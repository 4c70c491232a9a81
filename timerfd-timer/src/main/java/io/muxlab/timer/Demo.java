package io.muxlab.timer;

import io.muxlab.core.sys.Syscall;
import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerCallback;
import io.muxlab.core.timer.TimerService;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --demo} walk-through: one-shot, fixed-rate periodic, cancel (from the main thread and
 * from a callback), overruns while a slow callback holds the loop, reschedule (later, one-shot to
 * periodic and back). One line per event with the deadline, the time it fired, how late, and the
 * expiration count; all times in milliseconds since the demo started. Takes about 3 seconds.
 */
final class Demo {
    private static final String HEADER = "  time ms  event        timer       deadline ms  fired ms  late ms  expirations";

    private final TimerService service;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Each timer's trace, to update its plan on reschedule. */
    private final Map<Timer, Traced> traces = new ConcurrentHashMap<>();

    Demo(TimerService service, PrintStream out) {
        this.service = service;
        this.out = out;
    }

    /** Runs the walk-through; null when it finished, else why it did not (within 20 s). */
    String run() throws InterruptedException {
        out.println(HEADER);
        Map<String, Long> syscallsBefore = Syscall.snapshot();

        // A one-shot timer.
        schedule("A one-shot", 100, 0, (t, n) -> { });

        // A periodic timer, cancelled from another timer's callback after about five periods.
        Timer b = schedule("B periodic", 200, 100, (t, n) -> { });
        schedule("cancels B", 650, 0, (t, n) -> note("cancel", "B periodic", "cancel() = " + b.cancel()));

        // Cancelled from the main thread long before its deadline: it never fires.
        Timer c = schedule("C one-shot", 1_500, 0, (t, n) -> { });
        note("cancel", "C one-shot", "cancel() = " + c.cancel() + ", cancel() again = " + c.cancel());

        // Rescheduled from the main thread to a later deadline: it fires at the new one only.
        Timer d = schedule("D one-shot", 300, 0, (t, n) -> { });
        reschedule(d, "D one-shot", 900, 0);

        // A slow callback holds the loop for 200 ms: E's next callback reports the periods it missed.
        Timer e = schedule("E periodic", 1_000, 50, (t, n) -> {
            if (t.expirations() >= 12) {
                note("cancel", "E periodic", "from its own callback: cancel() = " + t.cancel());
            }
        });
        schedule("F slow", 1_120, 0, (t, n) -> {
            note("block", "F slow", "callback sleeps 200 ms: the loop is blocked");
            sleep(200);
        });

        // One-shot turned periodic, then back to one-shot from its own callback; its end ends the demo.
        Timer g = schedule("G one-shot", 60_000, 0, (t, n) -> {
            if (t.period().isZero()) {
                finished.countDown();
            } else if (t.expirations() >= 3) {
                reschedule(t, "G one-shot", (long) elapsedMillis() + 300, 0);
            }
        });
        reschedule(g, "G periodic", 1_800, 200);

        boolean done = finished.await(20, TimeUnit.SECONDS);
        note("end", "", "active timers " + service.activeTimers() + ", E still active: " + e.isActive());
        out.println("syscalls made by the demo: " + delta(syscallsBefore, Syscall.snapshot()));
        return done ? null : "the demo did not finish within 20 s: its last timer G " + (g.period().isZero()
                ? "never fired as a one-shot" : "fired " + g.expirations() + " of its 3 periodic expirations")
                + ", " + service.activeTimers() + " timers still active";
    }

    private Timer schedule(String name, long atMillis, long periodMillis, TimerCallback then) {
        Traced traced = new Traced(name, then);
        traced.plan(atMillis, periodMillis);
        Duration delay = delayTo(atMillis);
        Timer timer = periodMillis == 0
                ? service.schedule(delay, traced)
                : service.scheduleAtFixedRate(delay, Duration.ofMillis(periodMillis), traced);
        traces.put(timer, traced);
        note("schedule", name, "due at " + atMillis + (periodMillis == 0 ? " ms" : ", then every " + periodMillis + " ms"));
        return timer;
    }

    private void reschedule(Timer timer, String name, long atMillis, long periodMillis) {
        Traced traced = traces.get(timer);
        traced.plan(atMillis, periodMillis);
        traced.name = name;
        timer.reschedule(delayTo(atMillis), Duration.ofMillis(periodMillis));
        note("reschedule", name, "now due at " + atMillis + (periodMillis == 0 ? " ms, one-shot" : ", then every " + periodMillis + " ms"));
    }

    private Duration delayTo(long atMillis) {
        return Duration.ofNanos(TimeUnit.MILLISECONDS.toNanos(atMillis) - (System.nanoTime() - start));
    }

    /**
     * Prints each firing against the plan: the deadline of the last expiration the call stands for
     * is the first deadline plus (expirations so far - 1) periods.
     */
    private final class Traced implements TimerCallback {
        private final TimerCallback then;
        volatile String name;
        private volatile long firstMillis;
        private volatile long periodMillis;

        Traced(String name, TimerCallback then) {
            this.name = name;
            this.then = then;
        }

        void plan(long atMillis, long everyMillis) {
            firstMillis = atMillis;
            periodMillis = everyMillis;
        }

        @Override
        public void expired(Timer t, long expirations) {
            double fired = elapsedMillis();
            long deadline = firstMillis + (t.expirations() - 1) * periodMillis;
            out.printf("%9.1f  %-11s  %-10s  %11d  %8.1f  %7.2f  %d%s%n", fired, "fired", name, deadline, fired,
                    fired - deadline, expirations, expirations > 1 ? String.format("  <- overrun: %d missed", expirations - 1) : "");
            then.expired(t, expirations);
        }
    }

    private void note(String event, String name, String what) {
        out.printf("%9.1f  %-11s  %-10s  %s%n", elapsedMillis(), event, name, what);
    }

    private double elapsedMillis() {
        return (System.nanoTime() - start) / 1e6;
    }

    private static String delta(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder sb = new StringBuilder();
        after.forEach((name, n) -> {
            long d = n - before.getOrDefault(name, 0L);
            if (d != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(d);
            }
        });
        return sb.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
