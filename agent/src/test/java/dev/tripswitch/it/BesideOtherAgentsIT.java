package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tripswitch beside the OpenTelemetry Java agent (2.21, the one the start-up benchmark
 * compares with), which weaves the same clients: with both on one JVM, in either order on the
 * command line or with Tripswitch attached after start, every HTTP preset and JDBC still trip,
 * reject without reaching the server and recover exactly as alone, and the OpenTelemetry
 * agent still makes its spans (its logging exporter writes them to the application's stderr).
 */
class BesideOtherAgentsIT {
    private static final String RULES = PresetsIT.rules("""
              - name: jdk
                preset: jdk-http-client
              - name: url
                preset: http-url-connection
              - name: okhttp
                preset: okhttp
              - name: apache
                preset: apache-httpclient5
              - name: database
                preset: jdbc
            """);
    /** Each HTTP preset's breaker and the command that calls its client. */
    private static final List<List<String>> HTTP = List.of(List.of("jdk", "jdk-get"), List.of("url", "url-get"),
            List.of("okhttp", "okhttp-get"), List.of("apache", "apache-get"));

    /** One PostgreSQL for the class: each test stops it and starts it again. */
    private static PostgresServer pg;

    @BeforeAll
    static void startDatabase() throws Exception {
        pg = PostgresServer.start(PostgresServer.required());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    static Path otelAgent() {
        return otherAgent("opentelemetry-javaagent.jar");
    }

    private static Path otherAgent(String name) {
        Path jar = Path.of("target", "other-agents", name).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "agent/pom.xml copies the other agents before the tests: " + jar);
        return jar;
    }

    private static List<String> otelOptions() {
        return List.of("-Dotel.traces.exporter=logging", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
                "-Dotel.javaagent.logging=simple");
    }

    @ParameterizedTest(name = "Tripswitch first on the command line: {0}")
    @ValueSource(booleans = {true, false})
    void everyPresetWorksBesideTheOpenTelemetryAgent(boolean oursFirst) throws Exception {
        String ours = "-javaagent:" + Env.agentJar() + "=" + Env.rules(RULES);
        String theirs = "-javaagent:" + otelAgent();
        List<String> options = new ArrayList<>(oursFirst ? List.of(ours, theirs) : List.of(theirs, ours));
        options.addAll(otelOptions());
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), null, "com.acme.TargetApp", PresetsIT.clientLibs(), options)
                .awaitReady()) {
            checkEveryPreset(app, true);
        }
    }

    /**
     * Elastic's and Datadog's APM agents, which weave the same clients too, with no APM server
     * to send to (they say so in their own logs and carry on): every preset works as alone.
     */
    @ParameterizedTest(name = "beside {0}")
    @ValueSource(strings = {"elastic-apm-agent.jar", "dd-java-agent.jar"})
    void everyPresetWorksBesideOtherApmAgents(String agent) throws Exception {
        List<String> options = new ArrayList<>(List.of("-javaagent:" + otherAgent(agent),
                "-javaagent:" + Env.agentJar() + "=" + Env.rules(RULES)));
        options.addAll(List.of("-Delastic.apm.service_name=acme", "-Delastic.apm.server_url=http://127.0.0.1:1",
                "-Delastic.apm.log_level=ERROR", "-Delastic.apm.log_file=System.err", "-Delastic.apm.central_config=false",
                "-Delastic.apm.metrics_interval=0ms", "-Ddd.service=acme",
                "-Ddd.trace.agent.port=1", "-Ddd.jmxfetch.enabled=false", "-Ddd.profiling.enabled=false",
                "-Ddd.trace.startup.logs=false", "-Ddatadog.slf4j.simpleLogger.defaultLogLevel=error"));
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), null, "com.acme.TargetApp", PresetsIT.clientLibs(), options)
                .awaitReady()) {
            checkEveryPreset(app, false);
        }
    }

    /** The OpenTelemetry agent at start, Tripswitch attached later ({@code attach <pid> rules.yml}). */
    @Test
    void attachedAfterStartBesideTheOpenTelemetryAgent() throws Exception {
        List<String> options = new ArrayList<>(List.of("-javaagent:" + otelAgent()));
        options.addAll(otelOptions());
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), null, "com.acme.TargetApp", PresetsIT.clientLibs(), options)
                .awaitReady()) {
            try (TestHttpServer healthy = new TestHttpServer()) {
                assertEquals("ok 200", app.send("okhttp-get " + healthy.url()), "a client loaded before the attach");
            }
            Cli.Result attach = Cli.run("attach", String.valueOf(app.pid()), Env.rules(RULES).toString());
            assertEquals(0, attach.status(), attach.err());
            checkEveryPreset(app, true);
        }
    }

    private static void checkEveryPreset(ChildJvm app, boolean openTelemetry) throws Exception {
        MBeanServerConnection jmx = app.jmx();
        for (List<String> preset : HTTP) {
            String breaker = preset.get(0);
            String command = preset.get(1);
            try (TestHttpServer failing = new TestHttpServer()) {
                failing.failing(true);
                for (int i = 0; i < 3; i++) {
                    assertEquals("ok 503", app.send(command + " " + failing.url()), command);
                }
                int hits = failing.hits();
                String rejected = app.send(command + " " + failing.url());
                assertTrue(rejected.startsWith("error java.net.ConnectException: circuit open: " + breaker + "["
                        + failing.hostKey() + "], retry after "), command + ": " + rejected);
                assertEquals(hits, failing.hits(), command + ": a rejected request must not reach the server");
                ObjectName bad = Jmx.breaker(breaker, failing.hostKey());
                Jmx.awaitRegistered(jmx, bad);
                assertEquals(3L, Jmx.get(jmx, bad, "TotalFailures"), command + ": each request counts once");
                failing.failing(false);
                ChildJvm.await(command + " HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, bad)));
                assertEquals("ok 200", app.send(command + " " + failing.url()), command);
                assertEquals("CLOSED", Jmx.state(jmx, bad), command);
            }
        }
        checkDatabase(app, jmx);
        String stderr = app.stderr();
        assertFalse(stderr.contains("internal error") || stderr.contains("VerifyError"), tail(stderr));
        if (!openTelemetry) {
            return;
        }
        for (String scope : List.of("io.opentelemetry.java-http-client", "io.opentelemetry.okhttp-3.0",
                "io.opentelemetry.apache-httpclient-5.0", "io.opentelemetry.http-url-connection",
                "io.opentelemetry.jdbc")) {
            assertTrue(stderr.contains(scope), "the OpenTelemetry agent still makes " + scope + " spans: " + tail(stderr));
        }
    }

    /** JDBC against the class's PostgreSQL: stopped, it trips and rejects; started again, it recovers. */
    private static void checkDatabase(ChildJvm app, MBeanServerConnection jmx) throws Exception {
        assertEquals("ok 1", app.send("jdbc " + pg.url() + " postgres - select 1"));
        pg.stop();
        for (int i = 0; i < 3; i++) {
            assertTrue(app.send("jdbc " + pg.url() + " postgres - select 1").startsWith("error"));
        }
        String rejected = app.send("jdbc " + pg.url() + " postgres - select 1");
        assertTrue(rejected.contains("SQLTransientConnectionException: circuit open: database[" + pg.hostKey()
                + "]"), rejected);
        pg.startAgain();
        ObjectName db = Jmx.breaker("database", pg.hostKey());
        ChildJvm.await("database HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, db)));
        assertEquals("ok 2", app.send("jdbc " + pg.url() + " postgres - select 2"));
        assertEquals("CLOSED", Jmx.state(jmx, db));
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }
}
