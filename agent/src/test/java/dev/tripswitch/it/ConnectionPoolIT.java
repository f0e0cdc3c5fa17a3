package dev.tripswitch.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HikariCP at its defaults (Spring Boot's pool: 30 s connection timeout) with the {@code jdbc}
 * preset alone, against the real PostgreSQL: the pool's own connects, its checkouts and the
 * queries share one breaker per database; a stopped database opens it from the pool's failing
 * connects, every checkout after that is rejected in milliseconds, and it closes once the
 * database is back.
 */
class ConnectionPoolIT {
    private static final String RULES = """
              - name: database
                preset: jdbc
            """;

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aStoppedDatabaseFailsFastThroughHikariAndRecovers(Jdk jdk) throws Exception {
        Path bin = PostgresServer.required();
        try (PostgresServer pg = PostgresServer.start(bin); ChildJvm app = PresetsIT.startWithClients(jdk, RULES)) {
            assertEquals("ok 10", app.send("hikari-open " + pg.url() + " postgres"));
            MBeanServerConnection jmx = app.jmx();
            ObjectName db = Jmx.breaker("database", pg.hostKey());
            Jmx.awaitRegistered(jmx, db);
            ChildJvm.await("the pool filled by its own connects", () -> connections(app).equals("ok 10 10")
                    && ((Long) Jmx.get(jmx, db, "TotalSuccesses")) >= 10);
            // Hikari validates a connection idle for over 500 ms (isValid: a round trip, counted); the thread's
            // own last connection, used just before, is not validated
            assertTrue(app.send("hikari-query select 1").startsWith("ok 1"));
            long before = (Long) Jmx.get(jmx, db, "TotalCalls");
            for (int i = 0; i < 5; i++) {
                assertTrue(app.send("hikari-query select 1").startsWith("ok 1"));
            }
            assertEquals(before + 5, (Long) Jmx.get(jmx, db, "TotalCalls"), "a query through the pool is one call: "
                    + app.send("hikari-connections") + " " + Jmx.get(jmx, db, "TotalSuccesses"));
            assertOnlyKeyedBreakers(jmx);

            pg.stop();
            List<Long> waits = new ArrayList<>();
            String rejected = null;
            for (int i = 0; i < 8 && rejected == null; i++) {
                String r = app.send("hikari-query select 1");
                if (r.contains("circuit open")) {
                    rejected = r;
                } else {
                    assertTrue(r.startsWith("error "), r);
                    waits.add(took(r));
                }
            }
            assertTrue(rejected != null, "rejected after " + waits.size() + " calls, which took " + waits + " ms");
            // the window holds 10 calls, all healthy, and trips at 50%: the pool's failing connects and these
            // calls make the 5 failures; none of them waits for Hikari's 30 s connection timeout
            assertTrue(waits.size() <= 5, "at most the trip's failures reach the stopped database: " + waits);
            for (long wait : waits) {
                assertTrue(wait < 5_000, "no call waits for the pool's connection timeout: " + waits);
            }
            assertTrue(rejected.startsWith("error java.sql.SQLTransientConnectionException: circuit open: database["
                    + pg.hostKey() + "], retry after "), rejected);
            long slowest = 0;
            for (int i = 0; i < 5; i++) {
                String r = app.send("hikari-query select 1");
                assertTrue(r.contains("circuit open: database[" + pg.hostKey() + "]"), r);
                slowest = Math.max(slowest, took(r));
            }
            assertTrue(slowest < 5, "every further checkout is rejected at once, the slowest took " + slowest + " ms");
            System.out.printf("%s: a stopped database cost %d calls %s ms before checkouts were rejected"
                    + " (slowest rejection %d ms)%n", jdk, waits.size(), waits, slowest);
            assertOnlyKeyedBreakers(jmx);

            long restarted = System.nanoTime();
            pg.startAgain();
            ChildJvm.await("CLOSED", () -> "CLOSED".equals(Jmx.state(jmx, db)));
            System.out.printf("%s: closed %d ms after the database came back (openFor 1 s)%n", jdk,
                    (System.nanoTime() - restarted) / 1_000_000);
            String back = app.send("hikari-query select 1");
            assertTrue(back.startsWith("ok 1"), back);
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    /**
     * Spring Boot's next pools, at their defaults: Tomcat JDBC and Commons DBCP2 connect on the
     * caller's thread, so a stopped database fails their checkouts at once; the breaker opens
     * after the trip's failures, keyed by the database (the pools' own data sources too),
     * rejects in milliseconds and closes once the database is back.
     */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#modern") // Tomcat JDBC 11 needs 17; DBCP2 logs through spring-jcl here
    void tomcatJdbcAndDbcp2FailFastAndRecover(Jdk jdk) throws Exception {
        Path bin = PostgresServer.required();
        for (String pool : List.of("tomcat", "dbcp2")) {
            try (PostgresServer pg = PostgresServer.start(bin); ChildJvm app = PresetsIT.startWithClients(jdk, RULES)) {
                assertEquals("ok " + pool, app.send("pool-open " + pool + " " + pg.url() + " postgres"));
                MBeanServerConnection jmx = app.jmx();
                ObjectName db = Jmx.breaker("database", pg.hostKey());
                Jmx.awaitRegistered(jmx, db);
                assertTrue(app.send("pool-query " + pool + " select 1").startsWith("ok 1"));
                long before = (Long) Jmx.get(jmx, db, "TotalCalls");
                for (int i = 0; i < 5; i++) {
                    assertTrue(app.send("pool-query " + pool + " select 1").startsWith("ok 1"), pool);
                }
                assertEquals(before + 5, (Long) Jmx.get(jmx, db, "TotalCalls"), pool + ": a query through the pool"
                        + " is one call");
                assertOnlyKeyedBreakers(jmx);

                pg.stop();
                List<Long> waits = new ArrayList<>();
                String rejected = null;
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 10 && rejected == null; i++) {
                    String r = app.send("pool-query " + pool + " select 1");
                    seen.add(r);
                    if (r.contains("circuit open")) {
                        rejected = r;
                    } else {
                        assertTrue(r.startsWith("error "), pool + ": " + r);
                        waits.add(took(r));
                    }
                }
                assertTrue(rejected != null, pool + ": rejected after " + waits.size() + " calls " + waits + " " + seen + " " + Arrays.toString((String[]) Jmx.get(jmx, Jmx.agent(), "Breakers")));
                assertTrue(waits.size() <= 6, pool + ": at most the trip's failures reach the database " + waits);
                assertTrue(rejected.startsWith("error java.sql.SQLTransientConnectionException: circuit open: database["
                        + pg.hostKey() + "], retry after "), pool + ": " + rejected);
                long slowest = 0;
                for (int i = 0; i < 5; i++) {
                    String r = app.send("pool-query " + pool + " select 1");
                    assertTrue(r.contains("circuit open: database[" + pg.hostKey() + "]"), pool + ": " + r);
                    slowest = Math.max(slowest, took(r));
                }
                assertTrue(slowest < 5, pool + ": every further checkout is rejected at once, slowest " + slowest);
                System.out.printf("%s %s: a stopped database cost %d calls %s ms before checkouts were rejected%n",
                        jdk, pool, waits.size(), waits);
                assertOnlyKeyedBreakers(jmx);

                pg.startAgain();
                ChildJvm.await(pool + " back", () -> answers(app, "pool-query " + pool + " select 1").startsWith("ok 1"));
                assertEquals("CLOSED", Jmx.state(jmx, db), pool);
                assertFalse(app.stderr().contains("internal error"), app.stderr());
            }
        }
    }

    private static String answers(ChildJvm app, String command) {
        try {
            return app.send(command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Every breaker of the rule names its database: HikariCP's own DriverDataSource is keyed by its URL too. */
    private static void assertOnlyKeyedBreakers(MBeanServerConnection jmx) throws Exception {
        String[] breakers = (String[]) Jmx.get(jmx, Jmx.agent(), "Breakers");
        for (String b : breakers) {
            assertTrue(b.startsWith("database[127.0.0.1:"), "a keyless or misnamed breaker: " + Arrays.toString(breakers));
        }
    }

    private static String connections(ChildJvm app) {
        return answers(app, "hikari-connections");
    }

    private static long took(String answer) {
        return Long.parseLong(answer.replaceAll(".* took (\\d+) ms$", "$1"));
    }
}
