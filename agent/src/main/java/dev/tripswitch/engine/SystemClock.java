package dev.tripswitch.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * The JVM's clocks. The coarse time is a volatile field that one daemon thread ticks
 * every {@value #TICK_MILLIS} ms (as Sentinel does), so that the time window can pick
 * its bucket with a field read instead of a {@code nanoTime()} call. The thread starts
 * with the first read of the coarse time: an agent with no breaker in use wakes nothing.
 */
final class SystemClock implements Clock {
    static final int TICK_MILLIS = 5;
    static final SystemClock INSTANCE = new SystemClock();

    /** 0 until the ticker runs (nanoTime is never 0 here: the ticker writes at least 1). */
    private volatile long coarseNanos;

    private SystemClock() {
    }

    private synchronized long startTicker() {
        if (coarseNanos == 0) {
            coarseNanos = Math.max(1, System.nanoTime());
            Thread ticker = new Thread(new Runnable() { // not this::tick: no lambda spun on the first breaker call
                @Override
                public void run() {
                    tick();
                }
            }, "tripswitch-clock");
            ticker.setDaemon(true);
            ticker.start();
        }
        return coarseNanos;
    }

    private void tick() {
        long period = TICK_MILLIS * 1_000_000L;
        while (true) {
            LockSupport.parkNanos(period);
            coarseNanos = Math.max(1, System.nanoTime());
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long coarseNanoTime() {
        long now = coarseNanos;
        return now != 0 ? now : startTicker();
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }
}
