package dev.tripswitch.rules;

import dev.tripswitch.instrumentation.Presets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.Mode;
import dev.tripswitch.engine.WindowConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rules.yml as docs/rules.md writes it, and one clear message with a position for each kind of mistake. */
class RulesParserTest {

    private static RulesFile parse(String yaml) throws RulesException {
        return new RulesParser("rules.yml", Map.of("TRIPSWITCH_TOKEN", "s3cret")::get, Presets.catalog()).parse(yaml);
    }

    private static List<Problem> problems(String yaml) {
        return assertThrows(RulesException.class, () -> parse(yaml)).problems();
    }

    private static Problem only(String yaml) {
        List<Problem> p = problems(yaml);
        assertEquals(1, p.size(), () -> "expected one problem, got " + p);
        return p.get(0);
    }

    @Test
    void theSpecExampleParses() throws RulesException {
        RulesFile rules = parse("""
                version: 1
                agent:
                  log: info
                  reload: true
                  chaos: false
                  http:
                    port: 9464
                    bind: 127.0.0.1
                    token: ${TRIPSWITCH_TOKEN}
                defaults:
                  mode: enforce
                  failureRate: 50%
                  slowCall: 0
                  slowCallRate: 100%
                  minimumCalls: 10
                  consecutiveFailures: 5
                  window: {type: time, size: 10s, buckets: 10}
                  openFor: 30s
                  backoff: {multiplier: 1, max: 5m}
                  halfOpen: {calls: 2, successes: 2, maxWait: 60s}
                  idleReset: 0
                breakers:
                  - name: payments
                    match:
                      type: com.acme.PaymentsClient
                      subtypes: true
                      methods: [charge, "refund*"]
                      params: [java.lang.String, long]
                    key: arg0
                    maxKeys: 1000
                    failOn:
                      exceptions: [java.io.IOException]
                      ignore: [java.lang.IllegalArgumentException]
                      result: "statusCode >= 500"
                    whenOpen:
                      throw: java.net.ConnectException
                    timeout: 5s
                    retry: {attempts: 3, delay: 100ms, multiplier: 2, maxDelay: 2s, jitter: 20%, on: [java.io.IOException]}
                    maxConcurrent: 0
                    chaos: {failureRate: 10%, exception: java.io.IOException, latency: 200ms, latencyRate: 50%}
                  - name: outbound-http
                    preset: jdk-http-client
                """);
        assertEquals(2, rules.breakers().size());
        BreakerRule payments = rules.breakers().get(0);
        assertEquals(new MatchSpec("com.acme.PaymentsClient", true, List.of("charge", "refund*"),
                List.of("java.lang.String", "long")), payments.matches().get(0));
        assertEquals(KeyExpression.Root.ARG, payments.key().root());
        assertEquals(List.of("java.io.IOException"), payments.failOn().exceptions());
        assertEquals(new WhenOpen.Throw("java.net.ConnectException"), payments.whenOpen());
        assertEquals(BreakerConfig.DEFAULTS.toBuilder().timeoutNanos(5_000_000_000L).build(), payments.config(),
                "the defaults, and its own timeout: 5s");
        BreakerRule http = rules.breakers().get(1);
        assertEquals("java.net.http.HttpClient", http.matches().get(0).type());
        assertEquals(KeyExpression.Root.HOST, http.key().root());
        assertEquals(new WhenOpen.Throw("java.net.ConnectException"), http.whenOpen());
        assertEquals(new HttpSettings(9464, "127.0.0.1", "s3cret"), rules.agent().http());
        assertTrue(rules.agent().reload());
        assertTrue(rules.agent().micrometer(), "on unless the file says agent.micrometer: false");
        // every key of the example is active now: nothing is merely accepted
        assertEquals(List.of(), rules.notices());
        assertEquals(new ChaosSpec(10, "java.io.IOException", 200_000_000L, 50), payments.chaos());
        assertEquals(new RetrySpec(3, 100_000_000L, 2, 2_000_000_000L, 20, List.of("java.io.IOException"), true),
                payments.retry());
    }

    @Test
    void breakerSettingsOverrideDefaults() throws RulesException {
        RulesFile rules = parse("""
                version: 1
                defaults:
                  openFor: 10s
                  window: {type: count, size: 50}
                breakers:
                  - name: a
                    match: {type: com.acme.A, methods: [call]}
                    mode: observe
                    failureRate: 25
                    minimumCalls: 5
                    slowCall: 250ms
                """);
        BreakerConfig c = rules.breakers().get(0).config();
        assertEquals(Mode.OBSERVE, c.mode());
        assertEquals(25.0, c.failureRateThreshold());
        assertEquals(5, c.minimumCalls());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), c.slowCallNanos());
        assertEquals(TimeUnit.SECONDS.toNanos(10), c.openForNanos());
        assertEquals(new WindowConfig.Count(50), c.window());
    }

    @Test
    void misspeltKeySaysWhereAndSuggests() {
        Problem p = only("""
                version: 1
                breakers:
                  - name: payments
                    match:
                      type: com.acme.PaymentsClient
                      methdos: [charge]
                """);
        assertEquals(6, p.line());
        assertEquals(7, p.column());
        assertTrue(p.message().contains("unknown key 'methdos' in breakers[0] (payments).match; did you mean 'methods'?"),
                p.message());
        assertTrue(p.toString().startsWith("rules.yml:6:7: "), p.toString());
    }

    @Test
    void everyMistakeOfAFileIsReportedAtOnce() {
        List<Problem> p = problems("""
                version: 1
                defaults:
                  openFor: 30 seconds
                  failureRate: 150%
                breakers:
                  - name: a
                    match: {type: com.acme.A, methods: [call]}
                    whenOpen: {throw: java.io.IOException, return: null}
                  - name: a
                    preset: jdbcc
                    key: arg0.
                """);
        assertEquals(6, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("defaults.openFor '30 seconds' is not a duration"), p.get(0).message());
        assertEquals(3, p.get(0).line());
        assertTrue(p.get(1).message().contains("defaults.failureRate is 150% but must be more than 0% and at most 100%"));
        assertTrue(p.get(2).message().contains("needs exactly one of throw, return, call or lastGood"));
        assertTrue(p.get(3).message().contains("the name 'a' is used by an earlier breaker"));
        assertTrue(p.get(4).message().contains("unknown preset 'jdbcc'; did you mean 'jdbc'?"), p.get(4).message());
        assertTrue(p.get(5).message().contains("is not a property name"), p.get(5).message());
    }

    /** Past 64 distinct subtype types the weaver could not tell them apart: refused, never silently name-only. */
    @Test
    void moreThan64SubtypeTypesAreRefusedOneTypeManyTimesIsNot() {
        StringBuilder many = new StringBuilder("version: 1\nbreakers:\n");
        StringBuilder same = new StringBuilder("version: 1\nbreakers:\n");
        for (int i = 0; i < 65; i++) {
            many.append("  - name: r").append(i).append("\n    match: {type: com.acme.Client").append(i)
                    .append(", subtypes: true, methods: [call]}\n");
            same.append("  - name: r").append(i).append("\n    match: {type: com.acme.Client, subtypes: true, methods: [m")
                    .append(i).append("]}\n");
        }
        Problem p = only(many.toString());
        assertTrue(p.message().startsWith("the rules name 65 distinct types with 'subtypes: true'"), p.message());
        assertEquals(65, assertDoesNotThrow(() -> parse(same.toString())).breakers().size(),
                "one type matched by 65 rules takes one bit");
    }

    /** A ${VAR} inside a flow mapping reads as a nested mapping: the message says to quote it. */
    @Test
    void anUnquotedVariableInAFlowMappingSaysToQuoteIt() {
        Problem p = only("""
                version: 1
                agent:
                  http: {port: ${PORT}}
                breakers: []
                """);
        assertTrue(p.message().startsWith("this is not valid YAML"), p.message());
        assertTrue(p.message().endsWith("(a ${VAR} inside { } or [ ] must be quoted: port: \"${PORT}\")"), p.message());
        assertEquals(3, p.line(), p.toString());
    }

    @Test
    void invalidYamlSaysWhere() {
        Problem p = only("""
                version: 1
                breakers:
                  - name: a
                     match: x
                """);
        assertTrue(p.message().startsWith("this is not valid YAML"), p.message());
        assertEquals(4, p.line());
    }

    @Test
    void missingPiecesAreNamed() {
        List<Problem> p = problems("""
                breakers:
                  - match: {type: com.acme.A}
                """);
        assertTrue(p.stream().anyMatch(x -> x.message().contains("'version: 1' is missing")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("has no 'name'")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("has no 'methods'")), p.toString());
    }

    @Test
    void settingsThatContradictEachOtherAreReported() {
        Problem p = only("""
                version: 1
                breakers:
                  - name: a
                    match: {type: com.acme.A, methods: [call]}
                    window: {type: count, size: 5}
                    minimumCalls: 10
                """);
        assertTrue(p.message().contains("minimumCalls (10) is larger than the count window (5)"), p.message());
        assertEquals(3, p.line());
    }

    @Test
    void defaultsAdaptToWhatTheUserWrote() throws RulesException {
        RulesFile rules = parse("""
                version: 1
                breakers:
                  - name: long-open
                    match: {type: com.acme.A, methods: [call]}
                    openFor: 1h
                  - name: small-window
                    match: {type: com.acme.A, methods: [call]}
                    window: {type: count, size: 5}
                  - name: short-time-window
                    match: {type: com.acme.A, methods: [call]}
                    window: {type: time, size: 50ms}
                """);
        BreakerConfig longOpen = rules.breakers().get(0).config();
        assertEquals(TimeUnit.HOURS.toNanos(1), longOpen.openForNanos());
        assertEquals(TimeUnit.HOURS.toNanos(1), longOpen.backoff().maxNanos(), "backoff.max follows a longer openFor");
        assertEquals(5, rules.breakers().get(1).config().minimumCalls(), "minimumCalls follows a smaller count window");
        assertEquals(new WindowConfig.Time(TimeUnit.MILLISECONDS.toNanos(50), 5), rules.breakers().get(2).config().window(),
                "buckets follow a short time window");
    }

    @Test
    void defaultsBlockValuesAreTheUsersToo() {
        Problem p = only("""
                version: 1
                defaults:
                  backoff: {max: 1m}
                breakers:
                  - name: a
                    match: {type: com.acme.A, methods: [call]}
                    openFor: 10m
                """);
        assertTrue(p.message().contains("backoff.max (60000ms) is shorter than openFor (600000ms)"), p.message());
        assertEquals(5, p.line(), "the breaker whose values do not fit");
    }

    @Test
    void keyedBreakersAreBoundedInMemory() throws RulesException {
        RulesFile rules = parse("""
                version: 1
                breakers:
                  - name: big-window
                    match: {type: com.acme.A, methods: [call]}
                    key: arg0
                    window: {type: count, size: 1000000}
                  - name: usual
                    match: {type: com.acme.A, methods: [call]}
                    key: arg0
                """);
        BreakerRule big = rules.breakers().get(0);
        assertEquals(16, big.maxKeys(), "maxKeys left out adapts to the window: 1000 keys of 4 MB would be 4 GB");
        assertTrue(big.maxBytes() <= BreakerRule.MAX_BYTES, String.valueOf(big.maxBytes()));
        assertEquals(1000, rules.breakers().get(1).maxKeys());

        Problem p = only("""
                version: 1
                breakers:
                  - name: big-window
                    match: {type: com.acme.A, methods: [call]}
                    key: arg0
                    maxKeys: 1000
                    window: {type: count, size: 1000000}
                """);
        assertTrue(p.message().contains("maxKeys 1000 breakers with this window can hold 3.7 GiB, more than the 64.0 MiB"
                + " a rule may use: lower maxKeys (at most 16) or the window size"), p.message());
        assertEquals(6, p.line());
    }

    @Test
    void expressionsAreCheckedWhenLoaded() {
        List<Problem> p = problems("""
                version: 1
                breakers:
                  - name: a
                    match: {type: com.acme.A, methods: [call]}
                    key: argument0
                    failOn: {result: "statusCode => 500"}
                """);
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("'argument0' is not a key expression: use host, argN"), p.get(0).message());
        assertTrue(p.get(1).message().contains("is not a result predicate"), p.get(1).message());
    }

    @Test
    void missingEnvironmentVariableIsNamed() {
        Problem p = only("""
                version: 1
                breakers:
                  - name: a
                    match: {type: "${NOT_SET_ANYWHERE}", methods: [call]}
                """);
        assertTrue(p.message().contains("the environment variable NOT_SET_ANYWHERE is not set"), p.message());
    }

    @Test
    void whenOpenVariantsParse() throws RulesException {
        RulesFile rules = parse("""
                version: 1
                breakers:
                  - {name: r1, match: {type: A, methods: [m]}, whenOpen: {return: null}}
                  - {name: r2, match: {type: A, methods: [m]}, whenOpen: {return: empty}}
                  - {name: r3, match: {type: A, methods: [m]}, whenOpen: {return: -1}}
                  - {name: r4, match: {type: A, methods: [m]}, whenOpen: {return: "empty"}}
                  - {name: r5, match: {type: A, methods: [m]}, whenOpen: {call: "com.acme.Fallbacks#charge"}}
                  - {name: r6, match: {type: A, methods: [m]}, whenOpen: {lastGood: {ttl: 1m, max: 10}}}
                """);
        List<BreakerRule> b = rules.breakers();
        assertEquals(new WhenOpen.Return(null, false), b.get(0).whenOpen());
        assertEquals(new WhenOpen.Return(null, true), b.get(1).whenOpen());
        assertEquals(new WhenOpen.Return(-1L, false), b.get(2).whenOpen());
        assertEquals(new WhenOpen.Return("empty", false), b.get(3).whenOpen(), "a quoted 'empty' is the string");
        assertEquals(new WhenOpen.Call("com.acme.Fallbacks", "charge"), b.get(4).whenOpen());
        WhenOpen.LastGood lg = assertInstanceOf(WhenOpen.LastGood.class, b.get(5).whenOpen());
        assertEquals(10, lg.max());
        assertNull(b.get(0).key());
    }

    @Test
    void resultExpressionsParse() {
        ResultExpression e = ResultExpression.parse("statusCode >= 500");
        assertEquals(List.of("statusCode"), e.path());
        assertEquals(ResultExpression.Op.GE, e.op());
        assertEquals(500L, e.literal());
        assertEquals(List.of(), ResultExpression.parse("it == null").path());
        assertNull(ResultExpression.parse("body.failed").op());
        assertEquals("x", ResultExpression.parse("status == 'x'").literal());
    }

    @Test
    void micrometerCanBeTurnedOff() throws Exception {
        RulesFile rules = parse("""
                version: 1
                agent: {micrometer: false}
                breakers: []
                """);
        assertFalse(rules.agent().micrometer());
    }
}
