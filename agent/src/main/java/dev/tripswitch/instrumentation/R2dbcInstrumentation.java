package dev.tripswitch.instrumentation;

import java.lang.reflect.Field;
import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;

/**
 * R2DBC ({@code io.r2dbc.spi}): a connection factory's {@code create()} and a statement's
 * {@code execute()}, both returning a Reactor {@code Mono}/{@code Flux} in the drivers
 * (r2dbc-postgresql declares them so): each subscription is a call, judged at its terminal
 * signal. A connection pool's {@code create()} (r2dbc-pool's {@code ConnectionPool}) passes
 * through, as a JDBC pool's checkout does: rejected at once while the database's breaker
 * would reject, otherwise no call of its own, since the connects it makes and the statements
 * sent on its connections are the calls.
 *
 * <p>The preset covers itself: what a driver subscribes inside a call of its own (the queries
 * r2dbc-postgresql sends while it sets a new connection up) is part of that call, carried in
 * the call's Reactor subscriber context, so a connect is one call, and a HALF_OPEN trial
 * connect is not refused by its own setup queries.
 *
 * <p>Keyed by the database's {@code host:port}, read from the driver's configuration that a
 * factory, a statement or a pool leads to. A rejected subscription signals
 * {@code R2dbcTransientResourceException}, the R2DBC type for "the resource is unavailable
 * now; try again".
 */
final class R2dbcInstrumentation extends ClientLibrary implements HostProbe {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "r2dbc";

    private static final MatchSpec CREATE = new MatchSpec("io.r2dbc.spi.ConnectionFactory", true, List.of("create"),
            List.of());
    private static final MatchSpec EXECUTE = new MatchSpec("io.r2dbc.spi.Statement", true, List.of("execute"),
            List.of());
    private static final ClassValue<Boolean> IS_POOL = Reflect.namedInHierarchy(List.of("io.r2dbc.pool.ConnectionPool"));
    /** Fields by which R2DBC's objects lead to the configuration that names the server, in the order tried. */
    private static final List<String> LEADS = List.of("singleHostConfiguration", "configuration", "resources",
            "factory");

    R2dbcInstrumentation() {
        super(PRESET);
    }

    /**
     * A driver's object leads to its server through fields (r2dbc-postgresql's statement to its
     * connection's resources, those to the configuration, that to its single host's
     * configuration, whose {@code getHost()} and {@code getPort()} name it; a pool to the factory
     * it wraps).
     */
    @Override
    public HostProbe.Reader readerFor(Class<?> type) {
        if (!type.getName().startsWith("io.r2dbc.")) {
            return null;
        }
        for (String lead : LEADS) {
            Field f = Reflect.readableField(type, lead, null);
            if (f != null && !f.getType().isPrimitive()) {
                return (o, next) -> next.hostOf(f.get(o));
            }
        }
        return null;
    }

    @Override
    ClientInstrumentation definition() {
        String test = "`R2dbcIT` (Java 11, 17, 25)";
        List<MatchSpec> woven = List.of(CREATE, EXECUTE);
        return new ClientInstrumentation(PRESET, "R2DBC (`io.r2dbc.spi`)", ClientInstrumentation.HOST,
                new FailOn(List.of("io.r2dbc.spi.R2dbcTransientResourceException",
                        "io.r2dbc.spi.R2dbcNonTransientResourceException", "io.r2dbc.spi.R2dbcTimeoutException",
                        "java.io.IOException", "java.util.concurrent.TimeoutException"), List.of(), List.of(), List.of(),
                        List.of()),
                new WhenOpen.Throw("io.r2dbc.spi.R2dbcTransientResourceException"), false, List.of(
                CallStyle.woven("R2DBC: PostgreSQL", "`ConnectionFactory.create()`, `Statement.execute()`, subscribed"
                        + " or blocked on", "r2dbc-postgresql 1.0, PostgreSQL 15", woven,
                        "each subscription a call, judged at its terminal signal; when open, the publisher signals"
                        + " `R2dbcTransientResourceException`", test),
                CallStyle.woven("R2DBC: r2dbc-pool", "`ConnectionPool.create()` and statements on its connections",
                        "r2dbc-pool 1.0", woven, "the pool's checkout passes through: rejected at once while the"
                        + " database's breaker would reject; its connects and the statements count", test)),
                "A connection or statement fails when the database cannot be reached or does not answer in time"
                        + " (`R2dbcNonTransientResourceException`, `R2dbcTransientResourceException`,"
                        + " `R2dbcTimeoutException`, an I/O error, a Reactor `timeout`); an error the database answers"
                        + " with (bad SQL, a constraint) is a success, since the database is up; reading the rows of a"
                        + " result after `execute()` signalled it is not part of the call. A pool's checkout passes through. When open,"
                        + " the publisher signals `R2dbcTransientResourceException` without connecting.",
                null, Retries.none("a statement may not be idempotent; r2dbc-pool retries its own connects"),
                List.of(PRESET), null, new ClientInstrumentation.PassThrough() {
                    @Override
                    public boolean passesThrough(Object self) {
                        return Reflect.superclassNamed(self.getClass(), "io.r2dbc.pool.ConnectionPool") != null;
                    }
                });
    }
}
