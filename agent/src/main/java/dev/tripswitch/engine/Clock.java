package dev.tripswitch.engine;

/**
 * Where a breaker reads time. Injected so that every time-dependent rule can be tested
 * with a fake clock and no sleeps.
 */
public interface Clock {
    /** Monotonic nanoseconds, as precise as {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * Monotonic nanoseconds that may lag {@link #nanoTime()} by a tick; read on the hot
     * path, where a full {@code nanoTime()} call costs more than the rest of the breaker.
     */
    default long coarseNanoTime() {
        return nanoTime();
    }

    /** Wall-clock milliseconds since the epoch, for the timestamps operators read. */
    long currentTimeMillis();

    /** The real clock, with a coarse time kept by one shared daemon ticker. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
