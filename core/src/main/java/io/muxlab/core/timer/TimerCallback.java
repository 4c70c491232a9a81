package io.muxlab.core.timer;

/** What a timer runs when it expires. Runs on the timer service's loop thread. */
@FunctionalInterface
public interface TimerCallback {

    /**
     * @param timer the timer that expired (cancel or reschedule it from here if you like)
     * @param expirations how many expirations this call stands for: 1, or more when a periodic
     *     timer expired again before the loop got to it (overruns are reported, never dropped)
     */
    void expired(Timer timer, long expirations);
}
