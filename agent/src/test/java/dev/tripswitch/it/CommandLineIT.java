package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code list}, {@code attach}, {@code status} and {@code reset}, run as an operator runs them against a live JVM. */
class CommandLineIT {

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void attachStatusAndResetARunningApplication(Jdk jdk) throws Exception {
        Path rules = Env.rules("""
                version: 1
                defaults: {minimumCalls: 2, window: {type: count, size: 10}, openFor: 1m}
                breakers:
                  - name: payments
                    match: {type: com.acme.PaymentsClient, methods: [charge]}
                """);
        try (ChildJvm app = ChildJvm.start(jdk, null, "com.acme.TargetApp", List.of(),
                jdk.name().equals("java25") ? List.of("-XX:+EnableDynamicAgentLoading") : List.of()).awaitReady()) {
            String pid = String.valueOf(app.pid());
            Cli.Result list = Cli.run("list");
            assertEquals(0, list.status(), list.err());
            assertTrue(list.out().contains(pid + " ") && list.out().contains("com.acme.TargetApp"), list.out());

            Cli.Result none = Cli.run("status", pid);
            assertEquals(1, none.status());
            assertTrue(none.err().contains("the agent is not loaded"), none.err());

            Cli.Result attach = Cli.run("attach", pid, rules.toString());
            assertEquals(0, attach.status(), attach.err());
            assertEquals("ok", app.send("fail on"));
            app.send("charge a 1");
            app.send("charge a 1");
            assertTrue(app.send("charge a 1").contains("circuit open: payments"));

            Cli.Result status = Cli.run("status", pid);
            assertEquals(0, status.status(), status.err());
            assertTrue(status.out().startsWith("BREAKER"), status.out());
            assertTrue(status.out().contains("payments") && status.out().contains("OPEN")
                    && status.out().contains("failure rate 100% >= 50% over 2 calls"), status.out());

            // attached again with another file: the running agent puts it in force, payments keeps its state
            Path other = rules.resolveSibling("other.yml");
            Files.writeString(other, Files.readString(rules) + """
                      - name: orders
                        match: {type: com.acme.Orders, methods: [lookup]}
                        consecutiveFailures: 1
                    """);
            Cli.Result again = Cli.run("attach", pid, other.toString());
            assertEquals(0, again.status(), again.err());
            assertTrue(again.out().startsWith("tripswitch: " + pid + " runs the agent already; reloaded "
                    + other.toAbsolutePath() + " (version 2): settings applied to no breaker; added: orders"), again.out());
            app.send("orders-fail on");
            app.send("lookup 7");
            assertTrue(app.send("lookup 7").contains("circuit open: orders"), "the added rule guards a loaded class");
            assertTrue(app.send("charge a 1").contains("circuit open: payments"), "payments is still open");
            Cli.Result status2 = Cli.run("status", pid);
            assertTrue(status2.out().contains("orders"), status2.out());

            Cli.Result reset = Cli.run("reset", pid, "payments");
            assertEquals(0, reset.status(), reset.err());
            assertTrue(reset.out().contains("reset 1 breaker named payments"), reset.out());
            assertEquals("ok", app.send("fail off"));
            assertEquals("ok charged a 1", app.send("charge a 1"));
            Cli.Result missing = Cli.run("reset", pid, "nope");
            assertEquals(1, missing.status());
        }
    }
}
