package dev.tripswitch.engine;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so; safe to advance from many threads. */
public final class FakeClock implements Clock {
    private static final long WALL_BASE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private final AtomicLong nanos;
    private final long startNanos;

    public FakeClock() {
        this(1_000_000_000L);
    }

    public FakeClock(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
        this.startNanos = startNanos;
    }

    public void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    public void advanceNanos(long n) {
        nanos.addAndGet(n);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
        return WALL_BASE + (nanos.get() - startNanos) / 1_000_000L;
    }
}
