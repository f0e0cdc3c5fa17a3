package dev.tripswitch.it;

import dev.tripswitch.instrumentation.Presets;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.RulesLoader;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code suggest} as a new user runs it: an application with no agent and no rules, calling
 * an HTTP service two ways and a database; {@code suggest <pid> 3} prints a rules.yml that
 * names those dependencies, validates, and can be pasted. And {@code agent.discover: true}
 * serves the same on {@code GET /suggest} and in JMX.
 */
class SuggestIT {

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void suggestWatchesARunningApplicationAndPrintsRulesForWhatItCalls(Jdk jdk) throws Exception {
        Server h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try (TestHttpServer service = new TestHttpServer();
             ChildJvm app = ChildJvm.start(jdk, null, "com.acme.TargetApp", PresetsIT.clientLibs(), List.of())
                     .awaitReady()) {
            String jdbc = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:shop";
            assertEquals("ok", app.send("background-traffic " + service.url() + " " + jdbc));
            Cli.Result suggest = Cli.run("suggest", String.valueOf(app.pid()), "3");
            assertEquals(0, suggest.status(), suggest.err());
            assertTrue(suggest.err().contains("observe mode: nothing is rejected"), suggest.err());
            List<BreakerRule> rules = RulesLoader.parse(suggest.out(), "suggested.yml", Presets.catalog()).breakers();
            assertEquals(List.of("jdk-http-client", "http-url-connection", "jdbc"),
                    rules.stream().map(BreakerRule::name).toList(), suggest.out());
            assertTrue(suggest.out().contains("# " + service.hostKey() + ": "), "each dependency is named: " + suggest.out());
            assertTrue(suggest.out().contains("# 127.0.0.1:" + h2.getPort() + ": "), suggest.out());
            assertTrue(rules.get(0).config().slowCallNanos() > 0, "thresholds from what was measured");
            assertTrue(app.send("jdk-get " + service.url()).startsWith("ok 200"), "the application runs on");
        } finally {
            h2.stop();
        }
    }

    @Test
    void withDiscoverTheAgentServesSuggestedRulesOnItsEndpointAndInJmx() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (TestHttpServer service = new TestHttpServer();
             ChildJvm app = ChildJvm.start(Jdk.java17(), Env.rules("""
                     version: 1
                     agent: {discover: true, http: {port: %d}}
                     breakers:
                       - name: payments
                         match: {type: com.acme.PaymentsClient, methods: [charge]}
                     """.formatted(port)).toString(), "com.acme.TargetApp", PresetsIT.clientLibs(), List.of())
                     .awaitReady()) {
            for (int i = 0; i < 20; i++) {
                app.send("jdk-get " + service.url());
            }
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/suggest")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("# " + service.hostKey() + ": 20 calls"), page.body());
            assertEquals("jdk-http-client", RulesLoader.parse(page.body(), "suggest", Presets.catalog()).breakers().get(0).name());
            String jmx = (String) Jmx.get(app.jmx(), Jmx.agent(), "SuggestedRules");
            assertTrue(jmx != null && jmx.contains("preset: jdk-http-client"), String.valueOf(jmx));
            assertEquals("ok charged a 1", app.send("charge a 1"), "the file's own rules work as before");
        }
    }
}
