package io.muxlab.core.timer;

/** What every part of the {@link TimerServiceContract} needs: the service under test, and more of its kind. */
public interface ServiceUnderTest {

    /** The service the test runs against, made before and closed after each test. */
    TimerService service();

    /** Another service of the same kind; the test that asks for it closes it. */
    TimerService create();
}
