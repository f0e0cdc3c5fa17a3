package dev.tripswitch.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The host of a JDBC URL; an embedded database has none and gets no breaker. */
class JdbcHostsTest {

    @Test
    void networkDatabasesAreKeyedByHost() {
        assertEquals("db:5432", JdbcHosts.fromJdbcUrl("jdbc:postgresql://db:5432/shop?ssl=true"));
        assertEquals("127.0.0.1:9092", JdbcHosts.fromJdbcUrl("jdbc:h2:tcp://127.0.0.1:9092/mem:shop"));
        assertEquals("db.acme.com:1521", JdbcHosts.fromJdbcUrl("jdbc:oracle:thin:@db.acme.com:1521:orcl"));
        assertEquals("dbhost:1527", JdbcHosts.fromJdbcUrl("jdbc:derby://dbhost:1527/sample"));
    }

    @Test
    void embeddedDatabasesAreInProcess() {
        for (String url : new String[] {"jdbc:h2:mem:management_db_9092", "jdbc:h2:mem:", "jdbc:h2:~/test",
            "jdbc:h2:file:/data/db", "jdbc:hsqldb:mem:x", "jdbc:derby:memory:db;create=true", "jdbc:derby:sample",
            "jdbc:sqlite:/tmp/x.db", "JDBC:H2:MEM:upper"}) {
            assertSame(HostKeys.IN_PROCESS, JdbcHosts.fromJdbcUrl(url), url);
        }
    }
}
