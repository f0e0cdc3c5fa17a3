package dev.tripswitch.it;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a woven call can end settles its permit: futures (recorded on completion,
 * judged by the cause inside CompletionException/ExecutionException, and reclaimed after
 * maxWait when they never complete), ignored exceptions, result predicates and keys that
 * cannot be read; and every {@code whenOpen} answer, in classes of several class loaders.
 */
class AdvicePathsIT {
    private static final String RULES = """
            version: 1
            defaults:
              minimumCalls: 2
              window: {type: count, size: 10}
              openFor: 1s
              halfOpen: {calls: 1, successes: 1, maxWait: 1s}
            breakers:
              - name: place
                match: {type: com.acme.Orders, methods: [placeAsync, hang]}
              - name: lookup
                match: {type: com.acme.Orders, methods: [lookup]}
                whenOpen: {lastGood: {ttl: 1m, max: 100}}
              - name: history
                match: {type: com.acme.Orders, methods: [history]}
                whenOpen: {return: empty}
              - name: cancel
                match: {type: com.acme.Orders, methods: [cancel]}
                whenOpen: {call: "com.acme.Fallbacks#cancel"}
              - name: validate
                match: {type: com.acme.Orders, methods: [validate]}
                failOn: {ignore: [java.lang.IllegalArgumentException]}
              - name: fetch
                match: {type: com.acme.Orders, methods: [fetch]}
                key: arg3
                failOn: {result: ["nothing.here == 1", "code >= 500"]}
              - name: plugin
                match: {type: com.acme.PaymentsClient, methods: [charge]}
                key: this.class.classLoader.name
              - name: balance
                match: {type: com.acme.PaymentsClient, methods: [balance]}
                whenOpen: {return: 1.5}
            """;

    private static ChildJvm app;
    private static MBeanServerConnection jmx;

    @BeforeAll
    static void start() throws Exception {
        app = ChildJvm.start(Jdk.java17(), Env.rules(RULES)).awaitReady();
        jmx = app.jmx();
        Jmx.awaitRegistered(jmx, Jmx.breaker("validate"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void awaitState(ObjectName breaker, String state) throws InterruptedException {
        ChildJvm.await(breaker + " " + state, () -> state.equals(Jmx.state(jmx, breaker)));
    }

    @Test
    void aReturnValueThatDoesNotFitIsRefusedNotNarrowed() throws Exception {
        ObjectName balance = Jmx.breaker("balance");
        jmx.invoke(balance, "forceOpen", null, null);
        try {
            String answer = app.send("balance a");
            assertEquals("error dev.tripswitch.CircuitOpenException: circuit open: balance, forced open until reset",
                    answer, "1.5 is no int: never 1");
            app.awaitStderr("breaker=balance whenOpen.return cannot be used for com.acme.PaymentsClient#balance"
                    + "(Ljava/lang/String;)I: 1.5 cannot be returned as int: it is not a whole number");
        } finally {
            jmx.invoke(balance, "reset", null, null);
        }
    }

    @Test
    void futuresAreJudgedWhenTheyCompleteAndRejectedWithAFailedFuture() throws Exception {
        ObjectName place = Jmx.breaker("place");
        assertEquals("ok", app.send("orders-fail on"));
        for (int i = 0; i < 2; i++) { // recorded as the futures complete; one failure alone cannot trip
            String answer = app.send("place a");
            assertTrue(answer.contains("java.io.IOException: orders is down"), answer);
        }
        awaitState(place, "OPEN");
        assertEquals("java.io.IOException: orders is down", Jmx.get(jmx, place, "LastFailure"));
        String entered = app.send("orders-entered");
        String rejected = app.send("place a");
        assertTrue(rejected.startsWith("error java.util.concurrent.ExecutionException: dev.tripswitch.CircuitOpenException:"
                + " circuit open: place, retry after"), rejected);
        assertEquals(entered, app.send("orders-entered"));

        // HALF_OPEN allows one trial; a future that never completes holds it until maxWait reclaims it
        awaitState(place, "HALF_OPEN");
        assertEquals("ok", app.send("orders-fail off"));
        assertEquals("ok", app.send("hang"));
        assertTrue(app.send("place b").contains("circuit open: place"), "the trial permit is still held");
        ChildJvm.await("the hung trial permit to be reclaimed", () -> {
            try {
                return app.send("place b").equals("ok placed b");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitState(place, "CLOSED");
    }

    @Test
    void lastGoodServesTheLastSuccessfulResultForEqualArguments() throws Exception {
        String good = app.send("lookup 1");
        assertTrue(good.startsWith("ok order 1 v"), good);
        assertEquals("ok", app.send("orders-fail on"));
        app.send("lookup 1");
        app.send("lookup 1");
        awaitState(Jmx.breaker("lookup"), "OPEN");
        assertEquals(good, app.send("lookup 1"));
        assertTrue(app.send("lookup 2").startsWith("error dev.tripswitch.CircuitOpenException: circuit open: lookup"));
        assertEquals("ok", app.send("orders-fail off"));
    }

    @Test
    void returnEmptyAndCallFallbackAnswerRejectedCalls() throws Exception {
        assertEquals("ok", app.send("orders-fail on"));
        app.send("history a");
        app.send("history a");
        app.send("cancel c");
        app.send("cancel c");
        awaitState(Jmx.breaker("history"), "OPEN");
        awaitState(Jmx.breaker("cancel"), "OPEN");
        assertEquals("ok []", app.send("history a"));
        String cancelled = app.send("cancel z");
        assertTrue(cancelled.startsWith("ok queued cancel z (circuit open: cancel, retry after "), cancelled);
        assertEquals("ok", app.send("orders-fail off"));
    }

    @Test
    void ignoredExceptionsCountNeitherWay() throws Exception {
        ObjectName validate = Jmx.breaker("validate");
        for (int i = 0; i < 10; i++) {
            assertEquals("error java.lang.IllegalArgumentException: bad input", app.send("validate bad"));
        }
        assertEquals("CLOSED", Jmx.state(jmx, validate));
        assertEquals(10L, Jmx.get(jmx, validate, "TotalIgnored"));
        assertEquals(0L, Jmx.get(jmx, validate, "WindowCalls"));
    }

    @Test
    void unreadableKeysAndPredicatesAreReportedOnceAndTheCallsStillCount() throws Exception {
        ObjectName fetch = Jmx.breaker("fetch");
        for (int i = 0; i < 3; i++) {
            assertEquals("ok 200", app.send("fetch 200"));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("ok 503", app.send("fetch 503")); // the third makes 3 of 6: 50%
        }
        assertEquals("OPEN", Jmx.state(jmx, fetch));
        assertEquals("result: code >= 500 (was 503)", Jmx.get(jmx, fetch, "LastFailure"));
        app.awaitStderr("breaker=fetch key 'arg3' cannot be read");
        app.awaitStderr("breaker=fetch failOn.result 'nothing.here == 1' does not apply");
        String err = app.stderr();
        assertEquals(1, count(err, "breaker=fetch key 'arg3' cannot be read"), err);
        assertEquals(1, count(err, "breaker=fetch failOn.result 'nothing.here == 1' does not apply"), err);
    }

    @Test
    void classesOfCustomAndNestedLoadersAreWovenToo() throws Exception {
        assertEquals("error java.io.IOException: payments is down", app.send("loader-charge a flat fail"));
        assertEquals("error java.io.IOException: payments is down", app.send("loader-charge a flat fail"));
        assertTrue(app.send("loader-charge a flat ok").startsWith("error dev.tripswitch.CircuitOpenException:"
                + " circuit open: plugin[plugin]"));
        assertEquals("ok charged a 1 via inner", app.send("loader-charge a nested ok"));
        assertEquals("ok charged a 1", app.send("charge a 1"));
        Jmx.awaitRegistered(jmx, Jmx.breaker("plugin", "inner"));
        assertEquals("OPEN", Jmx.state(jmx, Jmx.breaker("plugin", "plugin")));
        assertEquals("CLOSED", Jmx.state(jmx, Jmx.breaker("plugin", "inner")));
        Jmx.awaitRegistered(jmx, Jmx.breaker("plugin", "app"));
        assertEquals(1L, Jmx.get(jmx, Jmx.breaker("plugin", "app"), "TotalSuccesses"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
