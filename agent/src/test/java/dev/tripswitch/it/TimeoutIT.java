package dev.tripswitch.it;

import java.nio.file.Path;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code timeout} on a method returning a CompletableFuture: a late future fails with a
 * TimeoutException at the timeout, counted as a failure (enough of them trip the breaker),
 * and the method's own future is cancelled; a timeout on a method that returns no future
 * is said once, and the method is guarded without it.
 */
class TimeoutIT {

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aLateFutureFailsAtTheTimeoutAndCountsAsAFailure(Jdk jdk) throws Exception {
        Path rules = Env.rules("""
                version: 1
                defaults: {minimumCalls: 3, window: {type: count, size: 10}, consecutiveFailures: 0}
                breakers:
                  - name: quotes
                    match: {type: com.acme.Quotes, methods: [slowQuote]}
                    timeout: 300ms
                  - name: inventory
                    match: {type: com.acme.Inventory, methods: [reserve]}
                    timeout: 1s
                """);
        try (ChildJvm app = ChildJvm.start(jdk, rules).awaitReady()) {
            assertEquals("ok quote ACME", app.send("slow-quote ACME 20"), "in time: the method's own value");
            for (int i = 0; i < 2; i++) {
                String late = app.send("slow-quote ACME 5000");
                assertTrue(late.startsWith("failure java.util.concurrent.TimeoutException: timeout: quotes did not"
                        + " complete within 300 ms | after "), late);
                long after = Long.parseLong(late.replaceAll(".*\\| after (\\d+) ms.*", "$1"));
                assertTrue(after >= 250 && after < 4000, "failed at the timeout, not when the quote came: " + after);
                assertTrue(late.endsWith("underlying cancelled true"), late);
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName quotes = Jmx.breaker("quotes");
            Jmx.awaitRegistered(jmx, quotes);
            assertEquals(2L, Jmx.get(jmx, quotes, "TotalFailures"), "each timeout is a failure");
            assertEquals("OPEN", Jmx.state(jmx, quotes), "2 of 3 calls failed: the breaker trips");
            app.send("crowd 1 1");
            app.awaitStderr("WARN tripswitch breaker=inventory timeout does not apply to"
                    + " com.acme.Inventory#reserve(java.lang.String,long): it returns java.lang.String");
        }
    }
}
