package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.ResultExpression;
import dev.tripswitch.rules.WhenOpen;

/** JDBC: any driver, connection pool or DataSource. */
final class JdbcInstrumentation extends ClientLibrary implements HostProbe {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "jdbc";

    private static final MatchSpec STATEMENTS = new MatchSpec("java.sql.Statement", true, List.of("execute*"), null);
    private static final MatchSpec CONNECT = new MatchSpec("java.sql.Driver", true, List.of("connect"), null);
    private static final MatchSpec POOLS = new MatchSpec("javax.sql.DataSource", true, List.of("getConnection"), null);
    /** A pool's check of a connection it holds: woven so that the statement it sends is nested, uncounted. */
    private static final MatchSpec VALIDATION = new MatchSpec("java.sql.Connection", true, List.of("isValid"), null);

    JdbcInstrumentation() {
        super(PRESET);
    }

    /**
     * A statement or connection leads to its connection's database URL; a {@code DataSource}
     * that keeps its URL in a field without a getter (HikariCP's {@code DriverDataSource}, which
     * its pool's connection adder calls) is read from that field, so the pool's own connects
     * are keyed by their database like every other call, never keyless.
     */
    @Override
    public HostProbe.Reader readerFor(Class<?> type) {
        HostProbe.Reader statementOrConnection = JdbcHosts.probe(type);
        if (statementOrConnection != null) {
            return statementOrConnection;
        }
        if (!Reflect.implementsNamed(type, "javax.sql.DataSource")
                || Reflect.hasProperty(type, "jdbcUrl") || Reflect.hasProperty(type, "url")) {
            return null; // not a DataSource, or one the generic getters read
        }
        java.lang.reflect.Field url = JdbcHosts.urlField(type);
        return url == null ? null : (o, next) -> next.hostOf(url.get(o));
    }

    @Override
    ClientInstrumentation definition() {
        return new ClientInstrumentation(PRESET, "JDBC (`java.sql`, `javax.sql`)", ClientInstrumentation.HOST,
                new FailOn(List.of("java.sql.SQLException"), List.of(), List.of(), List.of("23", "42", "53300"),
                        List.of(ResultExpression.parse("it == null"))),
                new WhenOpen.Throw("java.sql.SQLTransientConnectionException"), false, List.of(
                CallStyle.woven("JDBC: H2 over TCP", "`Driver.connect`, `Statement.execute*`", "2.3", List.of(CONNECT, STATEMENTS),
                        "judged per database host; H2's own internal connections get no breaker", "`PresetsIT` (Java 17)"),
                CallStyle.woven("JDBC: PostgreSQL", "`Driver.connect`, `Statement.execute*`", "driver 42.7, server 15",
                        List.of(CONNECT, STATEMENTS), "judged per database host", "`PresetsIT` (Java 17)"),
                CallStyle.woven("JDBC: HikariCP", "`HikariDataSource.getConnection()` and queries through it, at"
                        + " Hikari's defaults", "HikariCP 6, PostgreSQL 15", List.of(POOLS, VALIDATION, CONNECT, STATEMENTS),
                        "one breaker per database for the pool's own connects, its checkouts and the queries; a"
                        + " checkout is rejected at once while it is open, and is no call itself", "`ConnectionPoolIT` (HikariCP: Java 11, 17, 25)"),
                CallStyle.woven("JDBC: Tomcat JDBC and DBCP2", "`getConnection()` and queries through it, at the"
                        + " pools' defaults", "Tomcat JDBC 11, DBCP2 2.13, PostgreSQL 15",
                        List.of(POOLS, VALIDATION, CONNECT, STATEMENTS),
                        "one breaker per database; the pools connect on the caller's thread, so a checkout while"
                        + " HALF_OPEN goes through to its trial connect", "`ConnectionPoolIT` (Java 17, 25)"),
                CallStyle.woven("JDBC: other pools and `DataSource`s", "`DataSource.getConnection`", "", List.of(POOLS),
                        "c3p0, Agroal, Druid, UCP and Spring's wrappers pass through like"
                                + " HikariCP; any other `DataSource`'s `getConnection` is a call of its own",
                        "`JdbcPoolsTest` (which classes pass through)")),
                "A driver that declines a URL that is not its own (`Driver.connect` returning null, as"
                        + " `DriverManager` asks every registered driver) counts neither way"
                        + " (`failOn.ignoreResult: \"it == null\"`); constraint and syntax errors (SQL states 23, 42)"
                        + " and a database that is up but full (`53300`, too many connections: opening the breaker"
                        + " would also refuse the pool's healthy connections) count neither way; databases inside the"
                        + " JVM get no breaker. A connection pool's checkout (`getConnection` of HikariCP, Tomcat"
                        + " JDBC, DBCP2, c3p0, Agroal, Druid, UCP, or Spring's `DataSource` wrappers) passes through:"
                        + " it is rejected at once while its database's breaker would reject, holds no HALF_OPEN"
                        + " trial (HikariCP's, c3p0's and Agroal's, which connect on threads of their own, are"
                        + " rejected until the pool's trial connect has closed the breaker), and counts nothing itself; the connects the pool makes (HikariCP's adder thread"
                        + " through its `DriverDataSource`, keyed by its URL) and the queries are the calls. A pool's"
                        + " check of a connection it holds (`Connection.isValid`) counts nothing: a stale connection"
                        + " failing it says nothing of the database now. So a"
                        + " stopped database opens the breaker from the pool's own failing connects within"
                        + " milliseconds, every checkout after that fails fast, and a query through a pool is one call.",
                null, Retries.onlyMethods(java.util.Set.of("connect", "getConnection"), "getting a connection only, never a"
                        + " statement (it may have changed data before it failed)"), List.of(), null, new Pools());
    }

    /**
     * Connection pools and the wrappers around them, by the name of a class in their hierarchy:
     * their {@code getConnection} hands out a connection someone else connects, so it passes
     * through. A {@code DataSource} not named here is a call of its own, as before.
     */
    static final class Pools implements ClientInstrumentation.PassThrough {
        private static final List<String> POOL_TYPES = List.of(
                "com.zaxxer.hikari.HikariDataSource",
                "org.apache.tomcat.jdbc.pool.DataSourceProxy",
                "org.apache.commons.dbcp2.BasicDataSource", "org.apache.commons.dbcp2.PoolingDataSource",
                "org.apache.commons.dbcp2.datasources.InstanceKeyDataSource",
                "com.mchange.v2.c3p0.impl.AbstractPoolBackedDataSource",
                "io.agroal.pool.DataSource", "com.alibaba.druid.pool.DruidDataSource",
                "oracle.ucp.jdbc.PoolDataSourceImpl", "org.vibur.dbcp.ViburDBCPDataSource",
                "org.springframework.jdbc.datasource.DelegatingDataSource",
                "org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource");
        private static final ClassValue<Boolean> IS_POOL = Reflect.namedInHierarchy(POOL_TYPES);

        @Override
        public boolean passesThrough(Object self) {
            return IS_POOL.get(self.getClass());
        }

        /** Pools whose connections are made by a thread of their own, never the caller's. */
        private static final List<String> BACKGROUND = List.of("com.zaxxer.hikari.HikariDataSource",
                "com.mchange.v2.c3p0.impl.AbstractPoolBackedDataSource", "io.agroal.pool.DataSource");
        private static final ClassValue<Boolean> IN_BACKGROUND = Reflect.namedInHierarchy(BACKGROUND);

        @Override
        public boolean connectsInBackground(Object self) {
            return IN_BACKGROUND.get(self.getClass());
        }

        @Override
        public boolean checksHealth(Object self) {
            return self instanceof java.sql.Connection; // the one Connection method woven is isValid
        }
    }
}
