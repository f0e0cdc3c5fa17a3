package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The presets for the JDK's own HTTP clients, whose classes live in named modules of the
 * bootstrap and platform loaders: one breaker per host, a failing host does not open the
 * breaker of a healthy one, a rejected request never reaches the server, and one user
 * call counts once although {@code send} goes through several woven methods.
 */
class JdkHttpClientsIT {
    private static final String RULES = """
            version: 1
            defaults:
              minimumCalls: 4
              window: {type: count, size: 10}
              openFor: 30s
            breakers:
              - name: outbound-http
                preset: jdk-http-client
              - name: legacy-http
                preset: http-url-connection
            """;

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void httpClientHasOneBreakerPerHost(Jdk jdk) throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); TestHttpServer healthy = new TestHttpServer();
             ChildJvm app = ChildJvm.start(jdk, Env.rules(RULES)).awaitReady()) {
            failing.failing(true);
            assertEquals("ok 200", app.send("jdk-get " + healthy.url()));
            for (int i = 0; i < 3; i++) {
                assertEquals("ok 503", app.send("jdk-get " + failing.url()));
            }
            assertEquals("ok 503", app.send("jdk-async " + failing.url()));
            MBeanServerConnection jmx = app.jmx();
            ObjectName bad = Jmx.breaker("outbound-http", failing.hostKey());
            ObjectName good = Jmx.breaker("outbound-http", healthy.hostKey());
            Jmx.awaitRegistered(jmx, bad);
            assertEquals("OPEN", Jmx.state(jmx, bad));
            assertEquals(4L, Jmx.get(jmx, bad, "TotalCalls"), "each user call counts once");
            assertEquals("result: statusCode >= 500 (was 503)", Jmx.get(jmx, bad, "LastFailure"));

            int hits = failing.hits();
            String rejected = app.send("jdk-get " + failing.url());
            assertEquals("error java.net.ConnectException: circuit open: outbound-http[" + failing.hostKey()
                    + "], retry after ", rejected.substring(0, rejected.lastIndexOf("after ") + 6));
            String rejectedAsync = app.send("jdk-async " + failing.url());
            assertTrue(rejectedAsync.contains("java.net.ConnectException: circuit open: outbound-http["), rejectedAsync);
            assertEquals(hits, failing.hits(), "a rejected request must not reach the server");

            assertEquals("ok 200", app.send("jdk-get " + healthy.url()));
            Jmx.awaitRegistered(jmx, good);
            assertEquals("CLOSED", Jmx.state(jmx, good));
            assertEquals(2L, Jmx.get(jmx, good, "TotalSuccesses"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void httpUrlConnectionHasOneBreakerPerHost(Jdk jdk) throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); TestHttpServer healthy = new TestHttpServer();
             ChildJvm app = ChildJvm.start(jdk, Env.rules(RULES)).awaitReady()) {
            failing.failing(true);
            for (int i = 0; i < 4; i++) {
                assertEquals("ok 503", app.send("url-get " + failing.url()));
            }
            assertEquals("ok 200", app.send("url-get " + healthy.url()));
            MBeanServerConnection jmx = app.jmx();
            ObjectName bad = Jmx.breaker("legacy-http", failing.hostKey());
            ObjectName good = Jmx.breaker("legacy-http", healthy.hostKey());
            Jmx.awaitRegistered(jmx, bad);
            Jmx.awaitRegistered(jmx, good);
            assertEquals("OPEN", Jmx.state(jmx, bad));
            assertEquals(4L, Jmx.get(jmx, bad, "TotalCalls"), "each user call counts once");
            assertEquals("CLOSED", Jmx.state(jmx, good));

            int hits = failing.hits();
            String rejected = app.send("url-get " + failing.url());
            assertTrue(rejected.startsWith("error java.net.ConnectException: circuit open: legacy-http["
                    + failing.hostKey() + "], retry after "), rejected);
            assertEquals(hits, failing.hits(), "a rejected request must not reach the server");
            assertEquals("ok 200", app.send("url-get " + healthy.url()));
        }
    }

    /** Keying HTTP calls by host loads nothing of {@code java.sql}: an application without a database never pays for it. */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void keyingHttpCallsByHostLoadsNoDatabaseClasses(Jdk jdk) throws Exception {
        Path loaded = Files.createTempFile(Path.of("target"), "classes-", ".log");
        try (TestHttpServer server = new TestHttpServer();
             ChildJvm app = ChildJvm.start(jdk, Env.rules(RULES).toString(), "com.acme.TargetApp", List.of(),
                     List.of("-Xlog:class+load=info:file=" + loaded + "::filecount=0")).awaitReady()) {
            assertEquals("ok 200", app.send("jdk-get " + server.url()));
            assertEquals("ok 200", app.send("url-get " + server.url()));
            MBeanServerConnection jmx = app.jmx();
            Jmx.awaitRegistered(jmx, Jmx.breaker("outbound-http", server.hostKey()));
            Jmx.awaitRegistered(jmx, Jmx.breaker("legacy-http", server.hostKey()));
            String log = Files.readString(loaded);
            assertTrue(log.contains("java.net.http.HttpRequest "), "the JVM lists the classes it loads");
            assertFalse(log.contains(" java.sql."), "java.sql was loaded:\n" + log.lines()
                    .filter(l -> l.contains(" java.sql.")).limit(5).reduce("", (a, b) -> a + b + "\n"));
        } finally {
            Files.deleteIfExists(loaded);
        }
    }
}
