package dev.tripswitch.instrumentation;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;

/**
 * Lettuce 6 and later ({@code io.lettuce.core}): its synchronous, asynchronous
 * ({@code RedisFuture}) and reactive ({@code Mono}/{@code Flux}) APIs all hand each command to
 * the connection's {@code dispatch(RedisCommand)} (in {@code RedisChannelHandler}, which
 * {@code StatefulRedisConnectionImpl} extends) and learn its outcome when the command object
 * is completed, completed exceptionally or cancelled. So each command is one call: it starts
 * in {@code dispatch} and is judged when the command completes, whichever API is waiting for
 * it (a synchronous call's thread, a future, a subscriber). A rejected command is completed
 * exceptionally before it is written, with {@code RedisConnectionException}, and
 * {@code dispatch} returns it as it would: the synchronous API throws it, the future fails
 * with it, the publisher signals it.
 *
 * <p>Keyed by the server's {@code host:port}, read from the connection's channel once and kept
 * for the connection (so commands sent while Lettuce reconnects keep their key). Redis Cluster and Sentinel connections, which write through a
 * distribution writer rather than one channel, share the rule's breaker without a key.
 */
final class LettuceInstrumentation extends ClientLibrary implements HostProbe {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "lettuce";

    private static final String COMMAND = "io.lettuce.core.protocol.RedisCommand";
    private static final MatchSpec DISPATCH = new MatchSpec("io.lettuce.core.RedisChannelHandler", true,
            List.of("dispatch"), List.of(COMMAND), MatchSpec.Role.START);
    private static final MatchSpec COMPLETES = new MatchSpec(COMMAND, true,
            List.of("complete", "completeExceptionally", "cancel"), null, MatchSpec.Role.COMPLETE);

    LettuceInstrumentation() {
        super(PRESET);
    }

    /**
     * Each connection's server, read from its channel the first time a command goes through it:
     * a standalone connection always talks to the one server it was opened to, so every later
     * command (and one sent while Lettuce reconnects, with no channel) is keyed without
     * reflection.
     */
    private static final Map<Object, String> ADDRESSES = Collections.synchronizedMap(new WeakHashMap<>());

    /** A connection ({@code RedisChannelHandler}) leads to its channel writer's channel, and its remote address. */
    @Override
    public HostProbe.Reader readerFor(Class<?> type) {
        if (Reflect.superclassNamed(type, "io.lettuce.core.RedisChannelHandler") == null || !Reflect.hasProperty(type, "channelWriter")) {
            return null;
        }
        return (o, next) -> {
            String known = ADDRESSES.get(o);
            if (known != null) {
                return known;
            }
            Object endpoint = endpoint(Reflect.property(o, "channelWriter"));
            if (endpoint == null) {
                return null; // a cluster's or sentinel's distribution writer: no single server
            }
            String address = address(CHANNEL.get(endpoint.getClass()), endpoint);
            if (address != null) {
                ADDRESSES.put(o, address);
            }
            return address;
        };
    }

    /** The endpoint that holds the channel: the writer itself, or the one a command-expiry writer delegates to. */
    private static Object endpoint(Object writer) throws IllegalAccessException {
        for (int i = 0; writer != null && i < 3; i++) {
            if (CHANNEL.get(writer.getClass()) != null) {
                return writer;
            }
            Field delegate = DELEGATE.get(writer.getClass());
            writer = delegate == null ? null : delegate.get(writer);
        }
        return null;
    }

    private static String address(Field channelField, Object endpoint) throws Exception {
        Object channel = channelField.get(endpoint);
        if (channel == null) {
            return null;
        }
        Object remote = Reflect.accessibleMethod(channel.getClass(), "remoteAddress").invoke(channel);
        if (remote instanceof InetSocketAddress) {
            InetSocketAddress a = (InetSocketAddress) remote;
            return a.getHostString() + ":" + a.getPort();
        }
        return remote instanceof SocketAddress ? remote.toString() : null;
    }

    private static final ClassValue<Field> CHANNEL = fieldNamed("channel");
    private static final ClassValue<Field> DELEGATE = fieldNamed("delegate");

    private static ClassValue<Field> fieldNamed(String name) {
        return new ClassValue<Field>() {
            @Override
            protected Field computeValue(Class<?> type) {
                return type.getName().startsWith("io.lettuce.core.") ? Reflect.readableField(type, name, null) : null;
            }
        };
    }

    @Override
    ClientInstrumentation definition() {
        String test = "`LettuceIT` (Java 11, 17, 25)";
        List<MatchSpec> woven = List.of(DISPATCH, COMPLETES);
        return new ClientInstrumentation(PRESET, "Lettuce 6+ (`io.lettuce.core`)", ClientInstrumentation.HOST,
                new FailOn(List.of("io.lettuce.core.RedisConnectionException",
                        "io.lettuce.core.RedisCommandTimeoutException"), List.of(), List.of(), List.of(), List.of()),
                new WhenOpen.Throw("io.lettuce.core.RedisConnectionException"), false, List.of(
                CallStyle.woven("Lettuce", "synchronous commands (`connection.sync().get(key)`)", "Lettuce 6.8", woven,
                        "judged when the command completes: a timeout (`RedisCommandTimeoutException`) or a lost"
                        + " connection fails; when open, `RedisConnectionException` is thrown", test),
                CallStyle.woven("Lettuce", "asynchronous commands (`RedisFuture`)", "Lettuce 6.8", woven,
                        "judged when the future completes; when open, the future fails at once", test),
                CallStyle.woven("Lettuce", "reactive commands (`Mono`/`Flux`)", "Lettuce 6.8", woven,
                        "each subscription's command is judged when it completes; when open, the publisher signals"
                        + " `RedisConnectionException`", test),
                CallStyle.notYet("Lettuce", "Redis Cluster and Sentinel connections per node", "they write through a"
                        + " distribution writer: their commands share the rule's breaker without a key")),
                "Each command starts in the connection's `dispatch` and is judged when the command object completes,"
                        + " whichever API waits for it. A lost or refused connection (`RedisConnectionException`)"
                        + " and a command timeout (`RedisCommandTimeoutException`, Lettuce's own timeout,"
                        + " on by default, or the synchronous API's, which cancels the command's future) are failures; a"
                        + " command a reactive subscriber cancels fails only after a second or `slowCall` in flight;"
                        + " an error the server answers with (`RedisCommandExecutionException`: `WRONGTYPE`,"
                        + " `NOSCRIPT`) is a success, since the server is up. While Lettuce reconnects, the commands"
                        + " it queues time out and count. A rejected command is completed with"
                        + " `RedisConnectionException` before it is written.",
                new Commands(), Retries.none("a Redis command may not be idempotent (`INCR`, `LPUSH`); Lettuce"
                        + " reconnects and replays queued commands on its own"));
    }

    /**
     * A command's start and end: the command object given to {@code dispatch} is the call; the
     * same object's {@code complete}, {@code completeExceptionally} or {@code cancel} ends it
     * (wrappers Lettuce puts around it delegate to it). A command that times out is completed
     * exceptionally with {@code RedisCommandTimeoutException} by Lettuce's own timeout, or
     * cancelled as a future ({@code cancel(true)}) by the synchronous API that waited for it:
     * both fail. A cancel without arguments (a reactive subscriber that took what it needed,
     * Lettuce's own on a reset) counts like any cancelled call: a failure only after a second
     * or {@code slowCall} in flight.
     */
    static final class Commands implements AsyncCalls {
        @Override
        public Object keyAtStart(Object self, Object[] args) {
            return args != null && args.length == 1 ? args[0] : null;
        }

        @Override
        public Completion completion(Object self, String method, Object[] args) {
            switch (method) {
                case "complete":
                    return new Completion(self, null, null, false);
                case "completeExceptionally":
                    return args.length == 1 && args[0] instanceof Throwable
                            ? new Completion(self, null, (Throwable) args[0], false) : null;
                case "cancel":
                    return args.length == 1 ? new Completion(self, null, timedOut(self), false) // a future's cancel
                            : new Completion(self, null, null, true); // a subscriber's, or Lettuce's on a reset

                default:
                    return null;
            }
        }

        /**
         * What a future's {@code cancel(mayInterrupt)} means for a Redis command: Lettuce's
         * synchronous API cancels a command whose reply did not come within the timeout and
         * throws {@code RedisCommandTimeoutException}; judged as that exception.
         */
        private static Throwable timedOut(Object command) {
            try {
                return (Throwable) Reflect.type(command, "io.lettuce.core.RedisCommandTimeoutException")
                        .getConstructor(String.class).newInstance("command cancelled before its reply (timed out)");
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return new java.util.concurrent.CancellationException("command cancelled before its reply");
            }
        }

        @Override
        public Object reject(Object self, Object[] args, Throwable rejection) throws Exception {
            Object command = args[0];
            Reflect.invoke(Reflect.type(self, COMMAND).getMethod("completeExceptionally", Throwable.class), command,
                    rejection);
            return command; // dispatch returns the command it was given: its caller reads the failure from it
        }
    }
}
