package dev.tripswitch.instrumentation;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;

/**
 * Jedis 5 and later ({@code redis.clients.jedis}): {@code Jedis}, {@code JedisPooled} and
 * {@code UnifiedJedis}, {@code JedisCluster}, and the connection pool they share. Every data
 * command of these funnels into {@code Connection#executeCommand}, which writes the command
 * and reads its reply: one command, one call, judged by whether the server answered. A
 * pipeline is one call per {@code sync()} (its queued commands only write to a buffer), a
 * transaction one per {@code exec()}. The pool's own connects (the socket factory's
 * {@code createSocket}, when a pool grows or replaces a broken connection) are calls of the same breaker, so a
 * Redis that refuses connections opens it even while no command gets through; a connect
 * inside a command counts nothing of its own.
 *
 * <p>Keyed by the server's {@code host:port}: a cluster gets a breaker per node. A rejected
 * command throws {@code JedisConnectionException}, what Jedis itself throws when the server
 * cannot be reached, so callers' handling (and a pool's) stays as it is; nothing is written
 * to the connection, so it stays usable.
 */
final class JedisInstrumentation extends ClientLibrary implements HostProbe {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "jedis";

    /**
     * The package of the application's Jedis, spelled so the jar's shading (which relocates the
     * agent's own Jedis, used by {@code agent.cluster}) leaves these names the application's.
     */
    private static final String JEDIS = String.join(".", "redis", "clients", "jedis", "");
    private static final String CONNECTION = JEDIS + "Connection";
    private static final String CONNECTION_EXCEPTION = JEDIS + "exceptions.JedisConnectionException";
    private static final String SOCKET_FACTORY = JEDIS + "JedisSocketFactory";
    /** Asked on every recorded success of the rule: once per class, not a walk of its interfaces each time. */
    private static final ClassValue<Boolean> IS_SOCKET_FACTORY = Reflect.implementing(SOCKET_FACTORY);
    /**
     * A command writes and reads its reply in {@code executeCommand}; a pipeline's {@code sync()}
     * reads the replies of the commands it queued in {@code getMany}, called only when some are
     * pending (so a pipeline's {@code close()}, which syncs again, counts nothing more).
     */
    private static final MatchSpec COMMANDS = new MatchSpec(CONNECTION, true, List.of("executeCommand", "getMany"),
            null);
    /**
     * The socket's connect itself, not {@code Connection#connect()}, which every command and
     * every queued pipeline command calls and which returns at once when connected.
     */
    private static final MatchSpec CONNECTS = new MatchSpec(SOCKET_FACTORY, true,
            List.of("createSocket"), null);
    private static final MatchSpec TRANSACTIONS = new MatchSpec(JEDIS + "Transaction", true,
            List.of("exec"), null);
    /**
     * Commands of {@code Jedis} that write and read on their own rather than through
     * {@code executeCommand}, and whose arguments hold no text the {@code host} key could take
     * for an address (the key reads the arguments before {@code this}).
     */
    private static final MatchSpec SERVER_COMMANDS = new MatchSpec(JEDIS + "Jedis", true,
            List.of("ping", "select", "info", "dbSize", "time", "unwatch", "flushDB", "flushAll", "waitReplicas"),
            null);

    JedisInstrumentation() {
        super(PRESET);
    }

    /**
     * A {@code Connection} leads to its {@code HostAndPort} (a getter Jedis keeps to its
     * package, or its socket factory's); a socket factory has a public one; a {@code Jedis}, a
     * {@code Pipeline} or a {@code Transaction} leads to the connection it holds.
     */
    @Override
    public HostProbe.Reader readerFor(Class<?> type) {
        if (IS_SOCKET_FACTORY.get(type) && Reflect.hasProperty(type, "hostAndPort")) {
            return (o, next) -> next.hostOf(Reflect.property(o, "hostAndPort"));
        }
        Class<?> connection = Reflect.superclassNamed(type, CONNECTION);
        if (connection != null) {
            Method hostAndPort = hostAndPortGetter(connection);
            if (hostAndPort != null) {
                return (o, next) -> next.hostOf(hostAndPort.invoke(o));
            }
            Field factory = Reflect.readableField(connection, "socketFactory", null);
            return factory == null ? null
                    : (o, next) -> next.hostOf(Reflect.property(factory.get(o), "hostAndPort"));
        }
        if (!type.getName().startsWith(JEDIS)) {
            return null;
        }
        Field held = Reflect.readableField(type, "connection", null);
        return held == null || !held.getType().getName().equals(CONNECTION) ? null
                : (o, next) -> next.hostOf(held.get(o));
    }

    private static Method hostAndPortGetter(Class<?> connection) {
        try {
            Method m = connection.getDeclaredMethod("getHostAndPort");
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    @Override
    ClientInstrumentation definition() {
        String test = "`JedisIT` (Java 11, 17, 25)";
        String judged = "judged by whether the server answered; when open, `JedisConnectionException`";
        return new ClientInstrumentation(PRESET, "Jedis 5+ (`redis.clients.jedis`)", ClientInstrumentation.HOST,
                new FailOn(List.of(CONNECTION_EXCEPTION), List.of(), List.of(),
                        List.of(), List.of()),
                new WhenOpen.Throw(CONNECTION_EXCEPTION), false, List.of(
                CallStyle.woven("Jedis", "`Jedis` commands (`get`, `set`, `hget`, `eval`, ..., and `ping`,"
                        + " `select`, `info`)", "Jedis 7.2", List.of(COMMANDS, CONNECTS, SERVER_COMMANDS), judged,
                        test),
                CallStyle.woven("Jedis", "`JedisPooled`/`UnifiedJedis` commands, the pool's own connects",
                        "Jedis 7.2", List.of(COMMANDS, CONNECTS), judged + "; a Redis that refuses connections opens"
                        + " it through the pool's connects too", test),
                CallStyle.woven("Jedis", "pipelines (`sync()`, `syncAndReturnAll()`) and transactions (`exec()`)",
                        "Jedis 7.2", List.of(COMMANDS, TRANSACTIONS), "one call per `sync()` with commands queued,"
                        + " one per `exec()`", test),
                CallStyle.notYet("Jedis", "`Jedis`' `publish`, `echo`, `watch`, `move`, `scriptLoad` and its"
                        + " administration commands (ACL, CLUSTER, CONFIG, SENTINEL, ...)", "they write and read"
                        + " outside `executeCommand`; `JedisPooled`'s `publish` is guarded")),
                "A command fails when Jedis cannot reach the server or its reply does not come within the client's"
                        + " `soTimeout` (`JedisConnectionException`, around `ConnectException` or"
                        + " `SocketTimeoutException`); an error the server answers with (`WRONGTYPE`, `NOSCRIPT`, a"
                        + " script's error: `JedisDataException`) is a success, since the server is up. A rejected"
                        + " command throws `JedisConnectionException` before anything is written, so the connection"
                        + " stays in step and the pool keeps it. A connect counts only when it fails: a stalled Redis still"
                        + " accepts connections, and the commands after it tell whether it answers. Keyed by the server's `host:port`: a `JedisCluster`"
                        + " gets a breaker per node.",
                null, Retries.none("a Redis command may not be idempotent (`INCR`, `LPUSH`); JedisCluster retries"
                        + " redirections on its own"), List.of(), null, null,
                self -> IS_SOCKET_FACTORY.get(self.getClass()));
    }
}
