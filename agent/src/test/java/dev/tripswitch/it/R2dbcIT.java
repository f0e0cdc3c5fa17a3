package dev.tripswitch.it;

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
 * The {@code r2dbc} preset against a real PostgreSQL, with r2dbc-postgresql alone and behind
 * r2dbc-pool, in child JVMs on Java 11, 17 and 25: a stopped database fails the connects,
 * opens the breaker of its {@code host:port} within {@code consecutiveFailures} calls, then
 * every subscription (the pool's checkouts too) signals {@code R2dbcTransientResourceException}
 * at once, and queries resume on their own when the database is back.
 */
class R2dbcIT {
    private static final String RULES = JedisIT.rules("database", "r2dbc");

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aStoppedDatabaseTripsTheDriverAndThePoolAndTheyRecover(Jdk jdk) throws Exception {
        Path bin = PostgresServer.required();
        try (PostgresServer pg = PostgresServer.start(bin); ChildJvm app = JedisIT.start(jdk, RULES)) {
            String at = pg.hostKey();
            String direct = "r2dbc:postgresql://postgres@" + at + "/postgres?connectTimeout=PT2S";
            String pooled = "r2dbc:pool:postgresql://postgres@" + at
                    + "/postgres?connectTimeout=PT2S&maxAcquireTime=PT5S&initialSize=0&maxSize=2";
            for (String url : List.of(direct, pooled)) {
                assertEquals("ok 1", app.send("r2dbc-query " + url + " select 1"), url);
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName db = Jmx.breaker("database", at);
            Jmx.awaitRegistered(jmx, db);
            long calls = (Long) Jmx.get(jmx, db, "TotalCalls");
            assertEquals("ok 1", app.send("r2dbc-query " + pooled + " select 1"));
            // the statement's subscription ends on the driver's thread, maybe just after the query answered
            ChildJvm.await("the pooled query's statement counted", () -> (Long) Jmx.get(jmx, db, "TotalCalls") > calls);
            assertEquals("ok 1", app.send("r2dbc-query " + pooled + " select 1"));
            ChildJvm.await("the second pooled query counted", () -> (Long) Jmx.get(jmx, db, "TotalCalls") > calls + 1);
            assertEquals(calls + 2, (Long) Jmx.get(jmx, db, "TotalCalls"),
                    "a query on a pooled connection: the statement alone, the checkout passes through");
            String bad = app.send("r2dbc-query " + direct + " select * from no_such_table");
            assertTrue(bad.startsWith("failure ") && bad.contains("BadGrammarException"), bad);

            pg.stop();
            for (int i = 0; i < 3; i++) {
                String failed = app.send("r2dbc-query " + direct + " select 1");
                assertTrue(failed.startsWith("failure io.r2dbc.") && failed.contains("Cannot connect"), failed);
            }
            assertEquals("OPEN", Jmx.state(jmx, db), "three refused connects in a row");
            assertEquals(3L, Jmx.get(jmx, db, "TotalFailures"), "bad SQL is the application's, not the database's");
            for (String url : List.of(direct, pooled)) {
                String rejected = app.send("timed r2dbc-query " + url + " select 1");
                assertTrue(rejected.startsWith("failure io.r2dbc.spi.R2dbcTransientResourceException: circuit open:"
                        + " database[" + at + "], retry after "), url + ": " + rejected);
                assertTrue(JedisIT.millis(rejected) < 200, "rejected at once: " + rejected);
            }

            pg.startAgain();
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, db)));
            assertEquals("ok 2", app.send("r2dbc-query " + direct + " select 2"));
            assertEquals("CLOSED", Jmx.state(jmx, db));
            String again = app.send("r2dbc-query " + pooled + " select 3");
            for (int i = 0; i < 12 && again.contains("Connection validation failed"); i++) {
                // each idle connection the pool kept from before the restart fails its validation once, as it
                // does without the agent; the checkout passes through, so these count nothing
                again = app.send("r2dbc-query " + pooled + " select 3");
            }
            assertEquals("ok 3", again);
            assertEquals("CLOSED", Jmx.state(jmx, db), "the pool's stale connections are not the database's failures");
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }
}
