package dev.tripswitch.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.instrumentation.ClientInstrumentation;
import dev.tripswitch.instrumentation.Presets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One breakers: entry put together from its blocks, a preset under what is written. */
class BreakerReaderTest {

    @Test
    void aPresetFillsWhatIsNotWritten() {
        YamlReader y = Nodes.reader();
        BreakerRule r = new BreakerReader(y, Presets.catalog()).breaker(Nodes.of("""
                name: api
                preset: okhttp
                whenOpen: {return: null}
                openFor: 5s
                """), 0, BreakerConfig.builder(), new HashSet<>());
        assertEquals(0, y.problemCount(), y.problems().toString());
        ClientInstrumentation okhttp = Presets.get("okhttp");
        assertEquals(okhttp.matches(), r.matches());
        assertEquals(okhttp.key(), r.key());
        assertEquals(okhttp.failOn(), r.failOn());
        assertEquals(new WhenOpen.Return(null, false), r.whenOpen());
        assertEquals(5_000_000_000L, r.config().openForNanos());
        assertEquals("okhttp", r.preset());
    }

    @Test
    void namesAreUniqueAndPresetsKnown() {
        YamlReader y = Nodes.reader();
        BreakerReader reader = new BreakerReader(y, Presets.catalog());
        Set<String> names = new HashSet<>();
        reader.breaker(Nodes.of("{name: a, match: {type: com.acme.A, methods: [m]}}"), 0, BreakerConfig.builder(), names);
        assertNull(reader.breaker(Nodes.of("{name: a, preset: okhtp}"), 1, BreakerConfig.builder(), names));
        List<Problem> p = y.problems();
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("the name 'a' is used by an earlier breaker"));
        assertTrue(p.get(1).message().contains("unknown preset 'okhtp'; did you mean 'okhttp'?"));
    }

    @Test
    void retryIsReadWithResilience4jDefaultsForWhatIsNotWritten() {
        YamlReader y = Nodes.reader();
        BreakerRule r = new BreakerReader(y, Presets.catalog()).breaker(Nodes.of("""
                {name: a, match: {type: com.acme.A, methods: [m]}, retry: {attempts: 4, multiplier: 2, jitter: 20%,
                 on: [java.io.IOException]}, maxConcurrent: 4}
                """), 0, BreakerConfig.builder(), new HashSet<>());
        assertEquals(List.of(), y.notices(), "retry is active, not 'not supported yet'");
        assertEquals(new RetrySpec(4, RetrySpec.DEFAULT_DELAY_NANOS, 2, Long.MAX_VALUE, 20,
                List.of("java.io.IOException"), true), r.retry());
        assertEquals(4, r.config().maxConcurrent(), "the bulkhead is active");
    }

    @Test
    void aShortMaxDelayAloneLowersTheDefaultDelayInsteadOfBeingInvalid() {
        YamlReader y = Nodes.reader();
        BreakerRule r = new BreakerReader(y, Presets.catalog()).breaker(Nodes.of("""
                {name: a, match: {type: com.acme.A, methods: [m]}, retry: {maxDelay: 100ms, jitter: 0%}}
                """), 0, BreakerConfig.builder(), new HashSet<>());
        assertEquals(List.of(), y.problems());
        assertEquals(100_000_000L, r.retry().delayNanos(), "the default 500ms delay adapts to the written maxDelay");
        assertEquals(0, r.retry().jitterPercent());
    }

    @Test
    void retryValuesAreCheckedWhereTheyAreWritten() {
        YamlReader y = Nodes.reader();
        new BreakerReader(y, Presets.catalog()).breaker(Nodes.of("""
                {name: a, match: {type: com.acme.A, methods: [m]},
                 retry: {attempts: -1, delay: 3s, maxDelay: 1s, jitter: 150%, multiplier: 0.5, on: ["not a class"]}}
                """), 0, BreakerConfig.builder(), new HashSet<>());
        String problems = y.problems().toString();
        assertEquals(5, y.problems().size(), problems);
        assertTrue(problems.contains(":2:20: breakers[0] (a).retry.attempts (calls in all, the first one included) is -1"
                + " but must be from 1 to 100"), problems);
        assertTrue(problems.contains("retry.maxDelay (1000ms) is shorter than delay (3000ms)"), problems);
        assertTrue(problems.contains("retry.jitter is 150% but must be more than 0% and at most 100%"), problems);
        assertTrue(problems.contains("retry.multiplier is 0.5 but must be from 1"), problems);
        assertTrue(problems.contains("retry.on: 'not a class' is not a class name"), problems);
    }

    @Test
    void chaosValuesAreCheckedWhereTheyAreWritten() {
        YamlReader y = Nodes.reader();
        new BreakerReader(y, Presets.catalog()).breaker(Nodes.of("""
                {name: a, match: {type: com.acme.A, methods: [m]}, chaos: {failureRate: 150%, exception: "not a class", latency: -1s}}
                """), 0, BreakerConfig.builder(), new HashSet<>());
        assertEquals(3, y.problems().size(), y.problems().toString());
        assertTrue(y.problems().toString().contains("chaos.failureRate is 150% but must be more than 0% and at most 100%"),
                y.problems().toString());
        assertTrue(y.problems().toString().contains("chaos.exception: 'not a class' is not a class name"),
                y.problems().toString());
    }

    @Test
    void aNegativeBulkheadIsAProblemAtItsPosition() {
        YamlReader y = Nodes.reader();
        new BreakerReader(y, Presets.catalog()).breaker(Nodes.of("""
                {name: a, match: {type: com.acme.A, methods: [m]}, maxConcurrent: -1}
                """), 0, BreakerConfig.builder(), new HashSet<>());
        assertEquals(1, y.problems().size(), y.problems().toString());
        assertTrue(y.problems().get(0).toString().contains("maxConcurrent"), y.problems().toString());
    }
}
