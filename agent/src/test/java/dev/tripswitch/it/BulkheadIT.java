package dev.tripswitch.it;

import java.nio.file.Path;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code maxConcurrent}: six callers at once on a limit of two; four get the when-open answer at once. */
class BulkheadIT {

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void callsBeyondTheLimitAreRejectedAtOnceAndNoSlotLeaks(Jdk jdk) throws Exception {
        Path rules = Env.rules("""
                version: 1
                breakers:
                  - name: inventory
                    match: {type: com.acme.Inventory, methods: [reserve]}
                    maxConcurrent: 2
                """);
        try (ChildJvm app = ChildJvm.start(jdk, rules).awaitReady()) {
            assertEquals("ok {CircuitOpenException: bulkhead full: inventory, 2 calls in flight=4, reserved sku=2}",
                    app.send("crowd 6 1500"));
            MBeanServerConnection jmx = app.jmx();
            ObjectName inventory = Jmx.breaker("inventory");
            Jmx.awaitRegistered(jmx, inventory);
            assertEquals(4L, Jmx.get(jmx, inventory, "TotalBulkheadRejected"));
            assertEquals(0L, Jmx.get(jmx, inventory, "TotalRejected"), "the breaker itself is closed");
            assertEquals(0, Jmx.get(jmx, inventory, "InFlight"), "every slot came back");
            assertEquals("CLOSED", Jmx.state(jmx, inventory));
            assertEquals("ok {reserved sku=2}", app.send("crowd 2 10"), "the limit lets two through again");
            assertTrue(Cli.run("check", rules.toString()).out().contains(
                    "bulkhead  at most 2 calls in flight; more get the when-open answer at once"));
        }
    }
}
