package dev.tripswitch.it;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rules file that cannot be used: one clear message with file:line:column, and the
 * application runs on without breakers; with {@code strict} the JVM exits with status 1;
 * {@code java -jar tripswitch-agent.jar check} says the same and exits 1.
 */
class BadRulesIT {
    private static final String MISSPELT = """
            version: 1
            breakers:
              - name: payments
                match:
                  type: com.acme.PaymentsClient
                  methdos: [charge]
                openFor: 30 seconds
            """;

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void theApplicationRunsOnWithoutBreakers(Jdk jdk) throws Exception {
        Path rules = Env.rules(MISSPELT);
        try (ChildJvm app = ChildJvm.start(jdk, rules).awaitReady()) {
            assertEquals("ok", app.send("fail on"));
            for (int i = 0; i < 20; i++) {
                assertEquals("error java.io.IOException: payments is down", app.send("charge a 1"));
            }
            assertEquals("ok 20", app.send("entered"), "no breaker: every call reaches the method");
            app.awaitStderr(rules + ":6:7: unknown key 'methdos' in breakers[0] (payments).match; did you mean"
                    + " 'methods'?");
            app.awaitStderr(rules + ":7:14: breakers[0] (payments).openFor '30 seconds' is not a duration");
            app.awaitStderr("the application runs without breakers");
            Jmx.awaitRegistered(app.jmx(), Jmx.agent());
            Object error = Jmx.get(app.jmx(), Jmx.agent(), "LastReloadError");
            assertTrue(String.valueOf(error).contains("methdos"), String.valueOf(error));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void strictExitsWithStatusOne(Jdk jdk) throws Exception {
        Path rules = Env.rules(MISSPELT);
        try (ChildJvm app = ChildJvm.start(jdk, rules + ",strict", "com.acme.TargetApp", List.of(), List.of())) {
            assertEquals(1, app.awaitExit());
            app.awaitStderr(rules + ":6:7: unknown key 'methdos'");
            app.awaitStderr("strict mode: exiting with status 1");
        }
    }

    @Test
    void aMissingFileIsReportedAndTheApplicationRuns() throws Exception {
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), "target/no-such-rules.yml", "com.acme.TargetApp", List.of(),
                List.of()).awaitReady()) {
            assertEquals("ok charged a 1", app.send("charge a 1"));
            app.awaitStderr("target/no-such-rules.yml:1:1: no such file");
        }
    }

    @Test
    void checkPrintsEveryProblemAndExitsOne() throws Exception {
        Path rules = Env.rules(MISSPELT);
        Cli.Result r = Cli.run("check", rules.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains(rules + ":6:7: unknown key 'methdos'"), r.err());
        assertTrue(r.err().contains(rules + ":7:14: "), r.err());
        assertTrue(r.err().contains(": 2 problems"), r.err());
    }

    /**
     * With the application's class path, check tells before a deployment what each rule would
     * guard, which matched methods it would leave alone (cannot judge), and which presets find
     * no library there.
     */
    @Test
    void checkWithTheClassPathListsWhatWouldBeWoven() throws Exception {
        Path rules = Env.rules("""
                version: 1
                breakers:
                  - name: quotes
                    match: {type: com.acme.Quotes, methods: [quote, quoteLater]}
                  - name: okhttp
                    preset: okhttp
                  - name: grpc
                    preset: grpc
                """);
        String okhttp = PresetsIT.clientLibs().stream().filter(j -> j.contains("okhttp-4")).findFirst().orElseThrow();
        Cli.Result r = Cli.run("check", rules.toString(), "--classpath",
                Env.testClasses() + java.io.File.pathSeparator + okhttp);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("  quotes: 1 method\n    weaves    com.acme.Quotes#quoteLater(java.lang.String)"
                + "\n    cannot judge com.acme.Quotes#quote(java.lang.String): returns java.util.concurrent.Future;"
                + " left unguarded"), r.out());
        assertTrue(r.out().contains("weaves    okhttp3.internal.connection.RealCall#enqueue(okhttp3.Callback)"),
                r.out());
        assertTrue(r.out().contains("weaves    okhttp3.internal.connection.RealCall#execute()"), r.out());
        assertTrue(r.out().contains("  grpc: matches no method here (a preset whose library is absent costs nothing)"),
                r.out());
    }

    @Test
    void checkSummarizesAGoodFileAndExitsZero() throws Exception {
        Path rules = Env.rules("""
                version: 1
                breakers:
                  - name: payments
                    match: {type: com.acme.PaymentsClient, methods: [charge]}
                    key: arg0
                  - name: outbound-http
                    preset: jdk-http-client
                """);
        Cli.Result r = Cli.run("check", rules.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith(rules + ": OK, 2 breakers"), r.out());
        assertTrue(r.out().contains("outbound-http (preset jdk-http-client)"), r.out());
        assertTrue(r.out().contains("when open throw java.net.ConnectException"), r.out());
        assertTrue(r.out().contains("memory    at most 2.8 MiB (1000 keys, 2.9 KiB each with the window full)"), r.out());
        assertTrue(r.out().contains("memory: the breakers hold at most 5.6 MiB of heap (each rule at most 64.0 MiB)"),
                r.out());
        assertFalse(r.out().contains("note:"), r.out());
    }
}
