package dev.tripswitch.engine;



import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency sample: every call of a thread that calls rarely, a bounded random sample of
 * a thread that calls often, gaps random so that no pattern of calls keeps some of them out,
 * and every call timed when slow calls are judged. Time is the fake clock's.
 */
class CallSamplerTest {

    /** Runs {@code calls} calls on {@code sampler}, {@code nanosApart} apart; returns how many were timed. */
    private static int run(CallSampler sampler, FakeClock clock, int calls, long nanosApart) {
        int timed = 0;
        for (int i = 0; i < calls; i++) {
            timed += sampler.sample() ? 1 : 0;
            clock.advanceNanos(nanosApart);
        }
        return timed;
    }

    @Test
    void aThreadCallingAFewHundredTimesASecondOrLessHasEveryCallTimed() {
        FakeClock clock = new FakeClock();
        CallSampler sampler = new CallSampler(new java.util.Random(7), clock);
        run(sampler, clock, 100, 10_000_000L); // settling from the starting gap takes a few timed calls
        assertEquals(1, sampler.meanGap());
        assertEquals(1_000, run(sampler, clock, 1_000, 10_000_000L), "100 calls a second: all timed");
        assertEquals(1_000, run(sampler, clock, 1_000, 50_000_000L), "20 calls a second: all timed");
    }

    @Test
    void aNewThreadHasItsFirstCallsTimed() {
        FakeClock clock = new FakeClock();
        for (int seed = 0; seed < 100; seed++) { // a thread per request: each makes one call, or a few
            CallSampler sampler = new CallSampler(new java.util.Random(seed), clock);
            assertTrue(sampler.sample(), "the first call of a new thread");
            clock.advanceMillis(1);
        }
        CallSampler sampler = new CallSampler(new java.util.Random(1), clock);
        assertEquals(3, run(sampler, clock, 3, 30_000_000L), "a new thread calling every 30 ms");
    }

    @Test
    void aBusyThreadTimesAFewHundredCallsASecondWhateverItsRate() {
        for (long apart : new long[] {1_000L, 20_000L, 200_000L}) { // 1 million, 50 000 and 5 000 calls a second
            FakeClock clock = new FakeClock();
            CallSampler sampler = new CallSampler(new java.util.Random(apart), clock);
            int calls = (int) (10_000_000_000L / apart); // ten seconds
            run(sampler, clock, calls / 10, apart);
            int timed = run(sampler, clock, calls, apart);
            assertTrue(timed >= 10 * 50 && timed <= 10 * 400, timed + " timed in 10 s at " + apart + " ns apart");
        }
    }

    @Test
    void theMeanGapNeverPassesItsBoundAndGapsNeverExceedTwiceIt() {
        FakeClock clock = new FakeClock();
        CallSampler sampler = new CallSampler(new java.util.Random(5), clock); // the clock stands still: as busy as can be
        int gap = 0;
        int longest = 0;
        int timed = 0;
        for (int i = 0; i < 4_000_000; i++) {
            gap++;
            if (sampler.sample()) {
                timed++;
                longest = Math.max(longest, gap);
                gap = 0;
            }
        }
        assertEquals(CallSampler.MAX_GAP, sampler.meanGap());
        assertTrue(longest <= 2 * CallSampler.MAX_GAP - 1, "longest gap " + longest);
        assertEquals(4_000_000 / CallSampler.MAX_GAP, timed, 150, "one call in " + CallSampler.MAX_GAP + " on average");
    }

    @Test
    void aThreadThatSlowsDownAfterABusySpellIsTimedAgainAtOnce() {
        FakeClock clock = new FakeClock();
        CallSampler sampler = new CallSampler(new java.util.Random(9), clock);
        run(sampler, clock, 1_000_000, 0);
        assertEquals(CallSampler.MAX_GAP, sampler.meanGap());
        clock.advanceMillis(1_000);
        assertEquals(50, run(sampler, clock, 50, 1_000_000_000L),
                "one call a second after a busy spell: each timed, not one in " + CallSampler.MAX_GAP);
    }

    @Test
    void aThreadAlternatingTwoRulesTimesBothAlike() {
        // a fixed "every Nth call" with N even would time only the first rule's calls here
        FakeClock clock = new FakeClock();
        CallSampler sampler = new CallSampler(new java.util.Random(11), clock);
        int[] timed = new int[2];
        for (int i = 0; i < 4_000_000; i++) {
            if (sampler.sample()) {
                timed[i % 2]++;
            }
            clock.advanceNanos(2_000);
        }
        int all = timed[0] + timed[1];
        assertTrue(all > 500, all + " timed");
        assertEquals(all / 2.0, timed[0], all * 0.06, timed[0] + " of " + all);
    }

    @Test
    void everyCallIsTimedWhenSlowCallsAreJudgedAndNoneWithoutASampler() {
        FakeClock clock = new FakeClock();
        CircuitBreaker slowJudged = new CircuitBreaker("slow", null,
                BreakerConfig.builder().slowCallNanos(1_000_000).build(), clock);
        CircuitBreaker plain = new CircuitBreaker("plain", null, BreakerConfig.DEFAULTS, clock);
        CallSampler sampler = new CallSampler(new java.util.Random(3), clock);
        for (int i = 0; i < 100; i++) {
            assertTrue(slowJudged.timeCall(sampler));
            assertTrue(slowJudged.timeCall(null));
            assertFalse(plain.timeCall(null), "no sampler (the thread's state was lost): nothing to time by");
        }
        int timed = 0;
        for (int i = 0; i < 16_000; i++) {
            timed += plain.timeCall(sampler) ? 1 : 0;
        }
        assertTrue(timed > 0 && timed < 100, timed + " of 16000 calls in one instant timed");
    }
}
