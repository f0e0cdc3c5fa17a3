package dev.tripswitch.engine;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency sample: about one call in 16, gaps random so that no pattern of calls keeps
 * some of them out, and every call timed when slow calls are judged.
 */
class CallSamplerTest {

    @Test
    void timesAboutOneCallInSixteenWithGapsThatNeverExceedTwiceThat() {
        CallSampler sampler = new CallSampler(new SplittableRandom(7));
        int timed = 0;
        int gap = 0;
        int longest = 0;
        for (int i = 0; i < 160_000; i++) {
            gap++;
            if (sampler.sample()) {
                timed++;
                longest = Math.max(longest, gap);
                gap = 0;
            }
        }
        assertEquals(10_000, timed, 300, "one call in " + CallSampler.MEAN_GAP + " on average");
        assertTrue(longest <= 2 * CallSampler.MEAN_GAP - 1, "longest gap " + longest);
    }

    @Test
    void aThreadAlternatingTwoRulesTimesBothAlike() {
        // a fixed "every 16th call" would time only the first rule's calls here
        CallSampler sampler = new CallSampler(new SplittableRandom(11));
        int[] timed = new int[2];
        for (int i = 0; i < 160_000; i++) {
            if (sampler.sample()) {
                timed[i % 2]++;
            }
        }
        assertEquals(5_000, timed[0], 400);
        assertEquals(5_000, timed[1], 400);
    }

    @Test
    void everyCallIsTimedWhenSlowCallsAreJudgedAndNoneWithoutASampler() {
        FakeClock clock = new FakeClock();
        CircuitBreaker slowJudged = new CircuitBreaker("slow", null,
                BreakerConfig.builder().slowCallNanos(1_000_000).build(), clock);
        CircuitBreaker plain = new CircuitBreaker("plain", null, BreakerConfig.DEFAULTS, clock);
        CallSampler sampler = new CallSampler(new SplittableRandom(3));
        for (int i = 0; i < 100; i++) {
            assertTrue(slowJudged.timeCall(sampler));
            assertTrue(slowJudged.timeCall(null));
            assertFalse(plain.timeCall(null), "no sampler (the thread's state was lost): nothing to time by");
        }
        int timed = 0;
        for (int i = 0; i < 1_600; i++) {
            timed += plain.timeCall(sampler) ? 1 : 0;
        }
        assertTrue(timed > 50 && timed < 150, timed + " of 1600 timed");
    }
}
