package dev.tripswitch.log;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The log's timestamps are java.time's ISO instants, to the millisecond, without java.time. */
class TimestampsTest {

    @Test
    void sameAsJavaTime() {
        long[] fixed = {0, 951_782_400_000L /* 2000-02-29 */, 4_102_444_799_999L, -1, 1_795_000_000_123L};
        for (long t : fixed) {
            assertEquals(expected(t), Timestamps.iso(t), String.valueOf(t));
        }
        for (int i = 0; i < 100_000; i++) {
            long t = ThreadLocalRandom.current().nextLong(-2_000_000_000_000L, 8_000_000_000_000L);
            assertEquals(expected(t), Timestamps.iso(t), String.valueOf(t));
        }
    }

    private static String expected(long millis) {
        String s = Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.MILLIS).toString();
        // java.time leaves out a zero millisecond part, or all-zero seconds; the log always writes both
        if (s.length() == 17) {
            s = s.substring(0, 16) + ":00Z";
        }
        return s.length() == 20 ? s.substring(0, 19) + ".000Z" : s;
    }
}
