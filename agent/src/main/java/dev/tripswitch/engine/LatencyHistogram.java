package dev.tripswitch.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Call durations in a fixed set of log-linear buckets: eight per power of two, from
 * 4 µs to about 4.5 minutes, so any quantile is within about 6% of the truth and the
 * memory is the same after a billion calls as after ten. Quantiles describe the recent
 * past (the last one to two {@link #ROLL_NANOS} periods), not the whole uptime.
 */
public final class LatencyHistogram {
    static final long ROLL_NANOS = 60_000_000_000L;
    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MIN_EXP = 12; // 4096 ns
    private static final int MAX_EXP = 38; // ~275 s
    static final int BUCKETS = 2 + (MAX_EXP - MIN_EXP + 1) * SUB;

    /**
     * Made by the first duration recorded: a breaker whose calls are never timed (most keys of a
     * rule whose keys churn: one call each, rarely sampled) never pays its 1.7 KiB.
     */
    private volatile AtomicLongArray counts;
    private static final java.lang.invoke.VarHandle COUNTS = handle("counts", AtomicLongArray.class);
    /** Written through {@link #SUM_NANOS}: an AtomicLong would cost each breaker another object. */
    private volatile long sumNanos;
    private static final java.lang.invoke.VarHandle SUM_NANOS = handle("sumNanos", long.class);

    private static java.lang.invoke.VarHandle handle(String field, Class<?> type) {
        try {
            return java.lang.invoke.MethodHandles.lookup().findVarHandle(LatencyHistogram.class, field, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private long[] older; // guarded by this
    private long[] newer; // guarded by this
    private long rolledAt; // guarded by this

    /** Adds one duration. */
    public void record(long nanos) {
        AtomicLongArray c = counts;
        if (c == null) {
            AtomicLongArray made = new AtomicLongArray(BUCKETS);
            c = COUNTS.compareAndSet(this, null, made) ? made : counts;
        }
        c.incrementAndGet(indexOf(nanos));
        SUM_NANOS.getAndAdd(this, Math.max(0, nanos));
    }

    static int indexOf(long nanos) {
        if (nanos < (1L << MIN_EXP)) {
            return 0;
        }
        int exp = 63 - Long.numberOfLeadingZeros(nanos);
        if (exp > MAX_EXP) {
            return BUCKETS - 1;
        }
        int sub = (int) (nanos >>> (exp - SUB_BITS)) & (SUB - 1);
        return 1 + (exp - MIN_EXP) * SUB + sub;
    }

    /** The smallest duration that falls in bucket {@code index}. */
    static long lowerBound(int index) {
        if (index == 0) {
            return 0;
        }
        if (index == BUCKETS - 1) {
            return 1L << (MAX_EXP + 1);
        }
        int exp = MIN_EXP + (index - 1) / SUB;
        int sub = (index - 1) % SUB;
        return (long) (SUB + sub) << (exp - SUB_BITS);
    }

    /** The smallest duration above bucket {@code index}. */
    static long upperBound(int index) {
        return index == BUCKETS - 1 ? lowerBound(index) * 2 : lowerBound(index + 1);
    }

    /** The smallest duration above bucket {@code index}, for views that regroup the buckets. */
    public static long upperBoundNanos(int index) {
        return upperBound(index);
    }

    /** Total of every recorded duration, for a Prometheus {@code _sum}. */
    public long sumNanos() {
        return sumNanos;
    }

    /** Every recorded duration's count, cumulative since creation, per bucket. */
    public long[] cumulativeCounts() {
        long[] out = new long[BUCKETS];
        AtomicLongArray c = counts;
        if (c != null) {
            for (int i = 0; i < BUCKETS; i++) {
                out[i] = c.get(i);
            }
        }
        return out;
    }

    /** Starts a new recent period when the current one is older than {@link #ROLL_NANOS}. */
    public void roll(long nowNanos) {
        if (counts == null) {
            return; // nothing recorded yet: no period to start, nothing to allocate
        }
        synchronized (this) {
            if (newer == null || nowNanos - rolledAt >= ROLL_NANOS) {
                older = newer;
                newer = cumulativeCounts();
                rolledAt = nowNanos;
            }
        }
    }

    /**
     * The duration below which {@code q} (0..1) of the recent calls fell, in nanoseconds,
     * interpolated inside its bucket; -1 when there were no recent calls.
     */
    public long quantileNanos(double q) {
        long[] now = cumulativeCounts();
        long[] base;
        synchronized (this) {
            base = older;
        }
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            now[i] -= base == null ? 0 : base[i];
            total += now[i];
        }
        if (total == 0) {
            return -1;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (now[i] == 0) {
                continue;
            }
            if (seen + now[i] >= rank) {
                double within = (rank - seen) / now[i];
                long lo = lowerBound(i);
                return lo + (long) ((upperBound(i) - lo) * within);
            }
            seen += now[i];
        }
        return lowerBound(BUCKETS - 1);
    }

    /** Forgets everything. */
    public void clear() {
        AtomicLongArray c = counts;
        if (c != null) {
            for (int i = 0; i < BUCKETS; i++) {
                c.set(i, 0);
            }
        }
        sumNanos = 0;
        synchronized (this) {
            older = null;
            newer = null;
        }
    }
}
