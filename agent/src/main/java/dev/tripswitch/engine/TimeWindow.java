package dev.tripswitch.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The calls of the last {@code buckets × bucketNanos}, in a ring of buckets. Recording
 * increments counters of the current bucket only; the counts are summed over the buckets
 * when read. Only moving to a new bucket (once per bucket duration) takes a lock.
 *
 * <p>Every call is counted, so the calls counter is the one threads sharing a breaker
 * write all the time. It is striped the way {@code LongAdder} spreads its cells: each
 * bucket has one counter per stripe, a thread adds to the stripe its id picks, and the
 * stripes of a bucket lie a row of buckets (at least a cache line) apart, so two threads
 * do not fight over one cache line. Failures and slow calls are rare and stay unstriped.
 *
 * <p>Because a sum costs a pass over the buckets, {@link #record} asks for a judgement
 * only after a failed or slow call: a healthy call can only lower the rates.
 */
final class TimeWindow implements Window {
    /** Stripes of the calls counter: the processors, rounded up to a power of two, at most 8. */
    static final int MAX_STRIPES = 8;
    static final int STRIPES = stripesFor(Runtime.getRuntime().availableProcessors());
    private static final int LONGS_PER_CACHE_LINE = 8;
    /** No bucket yet: the first call starts one. Shared, since a key that churns may never see a second call. */
    private static final Current NONE = new Current(Long.MIN_VALUE, Long.MIN_VALUE, 0);
    private final long bucketNanos;
    private final int buckets;
    /** The epoch (time / bucket duration) of the newest bucket started, or {@code Long.MIN_VALUE}. Guarded by this. */
    private long newestEpoch = Long.MIN_VALUE;
    /**
     * Every counter in one array, a row of {@code row} buckets each: the calls stripes
     * ({@code [stripe * row + bucket]}), then the failures row, then the slow calls row. One
     * array rather than three: a rule whose keys churn makes a window per key, and each array
     * costs its header and wrapper again.
     */
    private final AtomicLongArray counts;
    private final int row;
    private final int failuresAt;
    private final int slowAt;
    private volatile Current current = NONE;

    /** The bucket calls go to now, with the span of time it covers. */
    private static final class Current {
        private final long startNanos;
        private final long endNanos;
        private final int index;

        private Current(long startNanos, long endNanos, int index) {
            this.startNanos = startNanos;
            this.endNanos = endNanos;
            this.index = index;
        }
    }

    TimeWindow(long bucketNanos, int buckets) {
        this.bucketNanos = bucketNanos;
        this.buckets = buckets;
        this.row = Math.max(buckets, LONGS_PER_CACHE_LINE);
        this.failuresAt = STRIPES * row;
        this.slowAt = failuresAt + row;
        this.counts = new AtomicLongArray(slowAt + row);
    }

    @Override
    public boolean record(int outcome, long nowNanos) {
        Current c = current;
        if (c.startNanos == Long.MIN_VALUE || nowNanos - c.endNanos >= 0) {
            c = advance(nowNanos);
        }
        int i = c.index;
        counts.getAndIncrement(stripe() * row + i);
        if ((outcome & (FAILED | SLOW)) == 0) {
            return false;
        }
        if ((outcome & FAILED) != 0) {
            counts.incrementAndGet(failuresAt + i);
        }
        if ((outcome & SLOW) != 0) {
            counts.incrementAndGet(slowAt + i);
        }
        return true;
    }

    @Override
    public void expire(long nowNanos) {
        Current c = current;
        if (c.startNanos != Long.MIN_VALUE && nowNanos - c.endNanos >= 0) {
            advance(nowNanos);
        }
    }

    /**
     * Moves to the bucket of {@code nowNanos}, emptying every bucket whose time passed since the
     * newest one started: all of them when a whole window passed (or the clock went back).
     */
    private synchronized Current advance(long nowNanos) {
        Current c = current;
        if (c.startNanos != Long.MIN_VALUE && nowNanos - c.endNanos < 0) {
            return c; // another thread moved on already
        }
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        int index = (int) Math.floorMod(epoch, (long) buckets);
        long newest = newestEpoch;
        if (newest != Long.MIN_VALUE && epoch != newest) {
            if (epoch - newest >= buckets || epoch < newest) {
                for (int j = 0; j < buckets; j++) {
                    drain(j);
                }
            } else {
                for (long e = newest + 1; e <= epoch; e++) {
                    drain((int) Math.floorMod(e, (long) buckets));
                }
            }
        }
        newestEpoch = epoch;
        long start = epoch * bucketNanos;
        Current next = new Current(start, start + bucketNanos, index);
        current = next;
        return next;
    }

    static int stripesFor(int processors) {
        int n = 1;
        while (n < processors && n < MAX_STRIPES) {
            n <<= 1;
        }
        return n;
    }

    /** This thread's stripe: thread ids are handed out in sequence, so a pool's threads spread over the stripes. */
    private static int stripe() {
        return (int) Thread.currentThread().getId() & (STRIPES - 1);
    }

    private void drain(int j) {
        for (int s = 0; s < STRIPES; s++) {
            counts.set(s * row + j, 0);
        }
        counts.set(failuresAt + j, 0);
        counts.set(slowAt + j, 0);
    }

    @Override
    public long calls() {
        return sum(0, failuresAt); // the stripes of every bucket; a drained bucket's stripes are all 0
    }

    @Override
    public long failures() {
        return sum(failuresAt, slowAt);
    }

    @Override
    public long slowCalls() {
        return sum(slowAt, counts.length());
    }

    private long sum(int from, int to) {
        long total = 0;
        for (int j = from; j < to; j++) {
            total += counts.get(j);
        }
        return total;
    }

    @Override
    public synchronized void clear() {
        for (int j = 0; j < buckets; j++) {
            drain(j);
        }
    }
}
