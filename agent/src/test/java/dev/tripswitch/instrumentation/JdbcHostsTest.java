package dev.tripswitch.instrumentation;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
            assertSame(JdbcHosts.IN_PROCESS, JdbcHosts.fromJdbcUrl(url), url);
        }
    }

    /** A driver's statement (a sub-interface of Statement) and connection are known by their interfaces' names. */
    @Test
    void statementsAndConnectionsOfAnyDriverLeadToTheirDatabase() throws Exception {
        DatabaseMetaData meta = proxy(DatabaseMetaData.class, "getURL", "jdbc:postgresql://db.internal:5433/shop");
        Connection connection = proxy(Connection.class, "getMetaData", meta);
        PreparedStatement statement = proxy(PreparedStatement.class, "getConnection", connection);
        assertEquals("db.internal:5433", JdbcHosts.probe(statement.getClass()).host(statement, null));
        assertEquals("db.internal:5433", JdbcHosts.probe(connection.getClass()).host(connection, null));
        assertNull(JdbcHosts.probe(URI.class), "not a database type");
        assertNull(JdbcHosts.probe(Object.class));
    }

    private static <T> T proxy(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(JdbcHostsTest.class.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> m.getName().equals(method) ? answer
                        : m.getName().equals("hashCode") ? System.identityHashCode(p)
                        : m.getName().equals("equals") ? p == args[0] : null));
    }
}
