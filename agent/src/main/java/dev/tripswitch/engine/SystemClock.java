package dev.tripswitch.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * The JVM's clocks. The coarse time is a volatile field that one daemon thread ticks
 * every {@value #TICK_MILLIS} ms (as Sentinel does), so that the time window can pick
 * its bucket with a field read instead of a {@code nanoTime()} call.
 */
final class SystemClock implements Clock {
    static final int TICK_MILLIS = 5;
    static final SystemClock INSTANCE = new SystemClock();

    private volatile long coarseNanos = System.nanoTime();

    private SystemClock() {
        Thread ticker = new Thread(this::tick, "tripswitch-clock");
        ticker.setDaemon(true);
        ticker.start();
    }

    private void tick() {
        long period = TICK_MILLIS * 1_000_000L;
        while (true) {
            LockSupport.parkNanos(period);
            coarseNanos = System.nanoTime();
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long coarseNanoTime() {
        return coarseNanos;
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }
}
