package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.ResultExpression;
import dev.tripswitch.rules.WhenOpen;

/** JDBC: any driver, connection pool or DataSource. */
final class JdbcInstrumentation {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "jdbc";

    private static final MatchSpec STATEMENTS = new MatchSpec("java.sql.Statement", true, List.of("execute*"), null);
    private static final MatchSpec CONNECT = new MatchSpec("java.sql.Driver", true, List.of("connect"), null);
    private static final MatchSpec POOLS = new MatchSpec("javax.sql.DataSource", true, List.of("getConnection"), null);

    private JdbcInstrumentation() {
    }

    static ClientInstrumentation definition() {
        return new ClientInstrumentation(PRESET, "JDBC (`java.sql`, `javax.sql`)", ClientInstrumentation.HOST,
                new FailOn(List.of("java.sql.SQLException"), List.of(), List.of(), List.of("23", "42"),
                        List.of(ResultExpression.parse("it == null"))),
                new WhenOpen.Throw("java.sql.SQLTransientConnectionException"), false, List.of(
                CallStyle.woven("JDBC: H2 over TCP", "`Driver.connect`, `Statement.execute*`", "2.3", List.of(CONNECT, STATEMENTS),
                        "judged per database host; H2's own internal connections get no breaker", "`PresetsIT`"),
                CallStyle.woven("JDBC: PostgreSQL", "`Driver.connect`, `Statement.execute*`", "driver 42.7, server 15",
                        List.of(CONNECT, STATEMENTS), "judged per database host", "`PresetsIT` (Java 17)"),
                CallStyle.woven("JDBC: connection pools", "`DataSource.getConnection`", "", List.of(POOLS),
                        "judged per database host; not yet tested against a real pool", "")),
                "A driver that declines a URL that is not its own (`Driver.connect` returning null, as"
                        + " `DriverManager` asks every registered driver) counts neither way"
                        + " (`failOn.ignoreResult: \"it == null\"`); constraint and syntax errors (SQL states 23, 42)"
                        + " count neither way; databases inside the JVM get no breaker.", null,
                Retries.onlyMethods(java.util.Set.of("connect", "getConnection"), "getting a connection only, never a"
                        + " statement (it may have changed data before it failed)"));
    }
}
