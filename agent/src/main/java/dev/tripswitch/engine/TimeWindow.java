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
    private final long bucketNanos;
    private final int buckets;
    private final long[] bucketEpoch; // guarded by this
    /** Call counts, {@code [stripe * row + bucket]}. */
    private final AtomicLongArray calls;
    private final int row;
    private final AtomicLongArray failures;
    private final AtomicLongArray slow;
    private volatile Current current = new Current(Long.MIN_VALUE, Long.MIN_VALUE, 0);

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
        this.bucketEpoch = new long[buckets];
        java.util.Arrays.fill(bucketEpoch, Long.MIN_VALUE);
        this.row = Math.max(buckets, LONGS_PER_CACHE_LINE);
        this.calls = new AtomicLongArray(STRIPES * row);
        this.failures = new AtomicLongArray(buckets);
        this.slow = new AtomicLongArray(buckets);
    }

    @Override
    public boolean record(int outcome, long nowNanos) {
        Current c = current;
        if (c.startNanos == Long.MIN_VALUE || nowNanos - c.endNanos >= 0) {
            c = advance(nowNanos);
        }
        int i = c.index;
        calls.getAndIncrement(stripe() * row + i);
        if ((outcome & (FAILED | SLOW)) == 0) {
            return false;
        }
        if ((outcome & FAILED) != 0) {
            failures.incrementAndGet(i);
        }
        if ((outcome & SLOW) != 0) {
            slow.incrementAndGet(i);
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

    private synchronized Current advance(long nowNanos) {
        Current c = current;
        if (c.startNanos != Long.MIN_VALUE && nowNanos - c.endNanos < 0) {
            return c; // another thread moved on already
        }
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        int index = (int) Math.floorMod(epoch, (long) buckets);
        for (int j = 0; j < buckets; j++) {
            long age = epoch - bucketEpoch[j];
            boolean agedOut = bucketEpoch[j] != Long.MIN_VALUE && (age >= buckets || age < 0);
            if (agedOut || (j == index && bucketEpoch[j] != epoch)) {
                drain(j);
                bucketEpoch[j] = Long.MIN_VALUE;
            }
        }
        bucketEpoch[index] = epoch;
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
            calls.set(s * row + j, 0);
        }
        failures.set(j, 0);
        slow.set(j, 0);
    }

    @Override
    public long calls() {
        return sum(calls); // the stripes of every bucket; a drained bucket's stripes are all 0
    }

    @Override
    public long failures() {
        return sum(failures);
    }

    @Override
    public long slowCalls() {
        return sum(slow);
    }

    private static long sum(AtomicLongArray counters) {
        long total = 0;
        for (int j = 0; j < counters.length(); j++) {
            total += counters.get(j);
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
