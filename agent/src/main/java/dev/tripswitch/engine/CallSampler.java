package dev.tripswitch.engine;

import java.util.Random;

/**
 * Which of one thread's calls are timed for the latency histogram when no {@code slowCall}
 * needs every duration: every call while the thread makes few, a random sample of about
 * {@value #SAMPLES_PER_SECOND} a second once it makes more.
 *
 * <p>Timing a call costs two {@code System.nanoTime()} calls and a histogram update, several
 * times the rest of the closed path; drawing a random number on every call to pick the sample
 * costs about as much again. So the gap to the next timed call is drawn once, when a call is
 * timed (uniform in 1 to {@code 2 * meanGap - 1}), and every other call only counts it down,
 * one decrement of a field that only its thread touches. The gap is random rather than a fixed
 * "every Nth call" so that no regular pattern of calls (a thread alternating two rules, a loop
 * whose first request is always slow) can keep some calls out of the sample or in it: each
 * call's chance of being timed is the same, whatever rule or key it belongs to.
 *
 * <p>The mean gap follows the thread's call rate, measured on the coarse clock (a field read,
 * not a {@code nanoTime()} call): a timed call less than {@value #TARGET_MILLIS} / 2 ms after
 * the previous one doubles it (up to {@value #MAX_GAP}), one more than twice that apart halves
 * it (down to 1: every call). A call that comes more than twice that after the last timed one
 * is timed whatever the countdown says, so a thread that slows down after a busy spell is not
 * left waiting out a long gap. A dependency called a few hundred times a second or less, where
 * each duration matters and samples are few, is timed on every call; a hot loop of calls pays
 * for the clock once in thousands of calls and still feeds the histogram some hundred
 * durations a second per thread.
 *
 * <p>Not thread-safe by design: each thread owns one (the bridge keeps it beside the thread's
 * call depths).
 */
public final class CallSampler {
    /**
     * The mean gap a new thread starts with: every call, until its timed calls show that it
     * calls often. A thread that lives for one request (a virtual thread per request) then has
     * its calls timed, not one in so many of them.
     */
    static final int START_GAP = 1;
    /**
     * The mean gap never grows past this: a thread making 50 million calls a second times
     * about 12,000 of them, some 0.02 ns a call for the clock, and the histogram stays fed.
     */
    static final int MAX_GAP = 4096;
    /** Timed calls of one thread are aimed at about this far apart. */
    static final long TARGET_MILLIS = 10;
    static final int SAMPLES_PER_SECOND = (int) (1000 / TARGET_MILLIS);
    private static final long TOO_CLOSE = TARGET_MILLIS * 1_000_000L / 2;
    private static final long TOO_FAR = TARGET_MILLIS * 1_000_000L * 2;

    private final Random random;
    private final Clock clock;
    private int meanGap = START_GAP;
    private int untilTimed;
    private long lastTimed;

    /**
     * @param random used on this sampler's thread only ({@code ThreadLocalRandom.current()} in production)
     * @param clock  its coarse time is read on every call (a field read), its precise time never
     */
    public CallSampler(Random random, Clock clock) {
        this.random = random;
        this.clock = clock;
        this.untilTimed = nextGap();
        this.lastTimed = clock.coarseNanoTime() - TOO_FAR - 1; // as if long after its last timed call
    }

    /** Whether the call starting now is one of the sample. */
    public boolean sample() {
        long now = clock.coarseNanoTime();
        if (--untilTimed > 0 && now - lastTimed <= TOO_FAR) {
            return false;
        }
        adapt(now);
        untilTimed = nextGap();
        return true;
    }

    /** The mean gap now (1: every call is timed). */
    int meanGap() {
        return meanGap;
    }

    private void adapt(long now) {
        long since = now - lastTimed;
        if (since < TOO_CLOSE) {
            meanGap = Math.min(meanGap << 1, MAX_GAP);
        } else if (since > TOO_FAR) {
            meanGap = Math.max(meanGap >> 1, 1);
        }
        lastTimed = now;
    }

    private int nextGap() {
        return 1 + random.nextInt(2 * meanGap - 1);
    }
}
