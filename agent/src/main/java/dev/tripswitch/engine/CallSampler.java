package dev.tripswitch.engine;

import java.util.random.RandomGenerator;

/**
 * Which of one thread's calls are timed for the latency histogram when no {@code slowCall}
 * needs every duration: a uniform sample of about one call in {@value #MEAN_GAP}.
 *
 * <p>Timing a call costs two {@code System.nanoTime()} calls and a histogram update, several
 * times the rest of the closed path; drawing a random number on every call to pick the sample
 * costs about as much again. So the gap to the next timed call is drawn once, when a call is
 * timed (uniform in 1 to {@code 2 * MEAN_GAP - 1}), and every other call only counts it down,
 * one decrement of a field that only its thread touches. The gap is random rather than a fixed
 * "every Nth call" so that no regular pattern of calls (a thread alternating two rules, a loop
 * whose first request is always slow) can keep some calls out of the sample or in it: each
 * call's chance of being timed is the same, whatever rule or key it belongs to.
 *
 * <p>Not thread-safe by design: each thread owns one (the bridge keeps it beside the thread's
 * call depths).
 */
public final class CallSampler {
    static final int MEAN_GAP = 16;

    private final RandomGenerator random;
    private int untilTimed;

    /** @param random used on this sampler's thread only ({@code ThreadLocalRandom.current()} in production) */
    public CallSampler(RandomGenerator random) {
        this.random = random;
        this.untilTimed = nextGap();
    }

    /** Whether the call starting now is one of the sample. */
    public boolean sample() {
        if (--untilTimed > 0) {
            return false;
        }
        untilTimed = nextGap();
        return true;
    }

    private int nextGap() {
        return 1 + random.nextInt(2 * MEAN_GAP - 1);
    }
}
