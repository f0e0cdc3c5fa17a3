package dev.tripswitch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each preset against its real client library: the breaker of a failing host trips, a
 * rejected call never reaches the server and ends with the exception the application
 * already handles, other hosts keep working, and the breaker closes after the server
 * comes back.
 */
class PresetsIT {
    private static final String RULES = """
              - name: okhttp
                preset: okhttp
              - name: apache
                preset: apache-httpclient5
              - name: database
                preset: jdbc
            """;

    private static ChildJvm start() throws Exception {
        return start(Jdk.java17());
    }

    private static ChildJvm start(Jdk jdk) throws Exception {
        return startWithClients(jdk, RULES);
    }

    /**
     * A child JVM with every client library, and these breakers under the defaults the preset
     * tests share: trips after 3 failed calls of 10, open 1 s, one trial call.
     */
    static ChildJvm startWithClients(Jdk jdk, String breakers) throws Exception {
        return ChildJvm.start(jdk, Env.rules(rules(breakers)).toString(), "com.acme.TargetApp", clientLibs(), List.of())
                .awaitReady();
    }

    /** A rules file of these breakers under the defaults the preset tests share. */
    static String rules(String breakers) {
        return """
                version: 1
                defaults:
                  minimumCalls: 3
                  window: {type: count, size: 10}
                  openFor: 1s
                  halfOpen: {calls: 1, successes: 1, maxWait: 30s}
                breakers:
                """ + breakers;
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void okhttp(Jdk jdk) throws Exception {
        checkHttp(jdk, "okhttp", "okhttp-get");
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void apacheHttpClient5(Jdk jdk) throws Exception {
        checkHttp(jdk, "apache", "apache-get");
    }

    private void checkHttp(Jdk jdk, String breaker, String command) throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); TestHttpServer healthy = new TestHttpServer();
             ChildJvm app = start(jdk)) {
            failing.failing(true);
            for (int i = 0; i < 3; i++) {
                assertEquals("ok 503", app.send(command + " " + failing.url()));
            }
            int hits = failing.hits();
            String rejected = app.send(command + " " + failing.url());
            assertTrue(rejected.startsWith("error java.net.ConnectException: circuit open: " + breaker + "["
                    + failing.hostKey() + "], retry after "), rejected);
            assertEquals(hits, failing.hits(), "a rejected request must not reach the server");
            assertEquals("ok 200", app.send(command + " " + healthy.url()));

            MBeanServerConnection jmx = app.jmx();
            ObjectName bad = Jmx.breaker(breaker, failing.hostKey());
            Jmx.awaitRegistered(jmx, bad);
            assertEquals(3L, Jmx.get(jmx, bad, "TotalFailures"), "each request counts once");
            assertEquals("result: code >= 500 (was 503)", Jmx.get(jmx, bad, "LastFailure"));
            failing.failing(false);
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, bad)));
            assertEquals("ok 200", app.send(command + " " + failing.url()));
            assertEquals("CLOSED", Jmx.state(jmx, bad));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void apacheResponseHandlerThatReturnsTheCodeTrips(Jdk jdk) throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); ChildJvm app = start(jdk)) {
            failing.failing(true);
            for (int i = 0; i < 3; i++) {
                assertEquals("ok 503", app.send("apache-handler " + failing.url()));
            }
            int hits = failing.hits();
            String rejected = app.send("apache-handler " + failing.url());
            assertTrue(rejected.startsWith("error java.net.ConnectException: circuit open: apache["), rejected);
            assertEquals(hits, failing.hits(), "a rejected request must not reach the server");
            ObjectName bad = Jmx.breaker("apache", failing.hostKey());
            Jmx.awaitRegistered(app.jmx(), bad);
            assertEquals(3L, Jmx.get(app.jmx(), bad, "TotalFailures"), "each failed request counts once");
            assertEquals("result: code >= 500 (was 503)", Jmx.get(app.jmx(), bad, "LastFailure"));
            assertFalse(app.stderr().contains("does not apply"), app.stderr());
        }
    }

    /** Spring's RestTemplate on HttpClient 5 trips through the apache-httpclient5 preset, with no rule of its own. */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#modern")
    void restTemplateOnHttpClient5(Jdk jdk) throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); ChildJvm app = start(jdk)) {
            failing.failing(true);
            for (int i = 0; i < 3; i++) {
                assertEquals("ok 503 ServiceUnavailable", app.send("rest-hc5-get " + failing.url()));
            }
            int hits = failing.hits();
            String rejected = app.send("rest-hc5-get " + failing.url());
            assertTrue(rejected.contains("circuit open: apache[" + failing.hostKey() + "], retry after "), rejected);
            assertEquals(hits, failing.hits(), "a rejected request must not reach the server");
            ObjectName bad = Jmx.breaker("apache", failing.hostKey());
            Jmx.awaitRegistered(app.jmx(), bad);
            assertEquals(3L, Jmx.get(app.jmx(), bad, "TotalFailures"), "each failed request counts once");
        }
    }

    @Test
    void successfulCallsWarnOfNothing() throws Exception {
        try (TestHttpServer healthy = new TestHttpServer(); ChildJvm app = start()) {
            assertEquals("ok status 200", app.send("apache-body " + healthy.url()));
            assertEquals("ok 200", app.send("apache-handler " + healthy.url()));
            assertEquals("ok 200", app.send("okhttp-get " + healthy.url()));
            healthy.close();
            for (int i = 0; i < 4; i++) { // the server is gone: the okhttp breaker opens and rejects
                app.send("okhttp-get " + healthy.url());
            }
            assertTrue(app.send("okhttp-get " + healthy.url()).contains("circuit open: okhttp["));
            app.awaitStderr("to=OPEN");
            assertFalse(app.stderr().contains("WARN tripswitch breaker=okhttp does not declare"), app.stderr());
            assertFalse(app.stderr().contains("does not declare"), app.stderr());
            assertFalse(app.stderr().contains("does not apply"), app.stderr());
        }
    }

    @Test
    void apacheResponseHandlerThatThrowsOnErrorsCounts() throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); ChildJvm app = start()) {
            failing.failing(true);
            for (int i = 0; i < 3; i++) {
                assertTrue(app.send("apache-body " + failing.url()).startsWith(
                        "error org.apache.hc.client5.http.HttpResponseException"));
            }
            assertTrue(app.send("apache-body " + failing.url()).contains("circuit open: apache["));
        }
    }

    @Test
    void jdbcWithH2OverTcp() throws Exception {
        Server[] h2 = {Server.createTcpServer("-tcpPort", "0", "-tcpAllowOthers", "-ifNotExists").start()};
        int port = h2[0].getPort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:shop";
        try (ChildJvm app = start()) {
            assertEquals("ok 1", app.send("jdbc " + url + " sa - select 1"));
            assertTrue(app.send("jdbc " + url + " sa - select * from no_such_table").startsWith("error org.h2.jdbc"),
                    "a syntax error (SQL state 42) counts neither way");
            h2[0].stop();
            checkDatabaseTripsAndRecovers(app, "127.0.0.1:" + port, "jdbc " + url + " sa - select 1", () ->
                    h2[0] = Server.createTcpServer("-tcpPort", String.valueOf(port), "-tcpAllowOthers", "-ifNotExists")
                            .start());
            assertEquals(3L, Jmx.get(app.jmx(), Jmx.breaker("database", "127.0.0.1:" + port), "TotalFailures"),
                    "the outage counted, the syntax error (SQL state 42) and other drivers declining the URL did not");
            assertEquals("ok 1", app.send("jdbc jdbc:h2:mem:local sa - select 1"), "an embedded database works");
            java.util.Set<ObjectName> breakers = app.jmx().queryNames(new ObjectName("tripswitch:type=Breaker,*"), null);
            assertEquals(java.util.Set.of(Jmx.breaker("database", "127.0.0.1:" + port)), breakers.stream()
                    .filter(n -> "database".equals(n.getKeyProperty("name"))).collect(java.util.stream.Collectors.toSet()),
                    "in-process databases (H2's own management_db, jdbc:h2:mem:local) get no breaker: " + breakers);
        } finally {
            h2[0].stop();
        }
    }

    @Test
    void jdbcWithPostgresql() throws Exception {
        Path bin = PostgresServer.required();
        try (PostgresServer pg = PostgresServer.start(bin); ChildJvm app = start()) {
            String query = "jdbc " + pg.url() + " postgres - select 1";
            assertEquals("ok 1", app.send(query));
            assertTrue(app.send("jdbc " + pg.url() + " postgres - select nope from nothing")
                    .startsWith("error org.postgresql.util.PSQLException"));
            pg.stop();
            checkDatabaseTripsAndRecovers(app, pg.hostKey(), query, pg::startAgain);
            ObjectName db = Jmx.breaker("database", pg.hostKey());
            assertEquals(3L, Jmx.get(app.jmx(), db, "TotalFailures"),
                    "the outage counted, the syntax error (SQL state 42) and other drivers declining the URL did not");
        }
    }

    /** The database is down: the breaker trips, rejects with SQLTransientConnectionException, closes once it is back. */
    private static void checkDatabaseTripsAndRecovers(ChildJvm app, String key, String query, Restart restart)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            String down = app.send(query);
            assertTrue(down.startsWith("error "), down);
        }
        String rejected = app.send(query);
        assertTrue(rejected.startsWith("error java.sql.SQLTransientConnectionException: circuit open: database["
                + key + "], retry after "), rejected);
        MBeanServerConnection jmx = app.jmx();
        ObjectName db = Jmx.breaker("database", key);
        Jmx.awaitRegistered(jmx, db);
        assertEquals("OPEN", Jmx.state(jmx, db));
        restart.run();
        ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, db)));
        assertEquals("ok 1", app.send(query));
        assertEquals("CLOSED", Jmx.state(jmx, db));
    }

    @FunctionalInterface
    private interface Restart {
        void run() throws Exception;
    }

    static List<String> clientLibs() throws IOException {
        return libs("tripswitch.clientLibs", "target/client-libs");
    }

    /** The jars of a directory agent/pom.xml copies libraries to (its path in {@code property}), in name order. */
    static List<String> libs(String property, String fallback) throws IOException {
        Path dir = Path.of(System.getProperty(property, fallback));
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.map(Path::toString).sorted().toList();
        }
    }
}
