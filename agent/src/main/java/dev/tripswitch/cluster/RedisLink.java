package dev.tripswitch.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tripswitch.rules.ClusterSettings;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Protocol;

/**
 * One connection to the namespace's Redis and the few commands the cluster needs, through
 * Jedis' {@link Connection} (its small protocol layer, not the 200 KB command facade). Keys
 * and the channel are under {@code tripswitch:<namespace>:}, so namespaces sharing a Redis
 * never see each other. Used only by the cluster's own threads.
 *
 * <ul>
 * <li>{@code events}: the channel every change is published on;</li>
 * <li>{@code state:<breaker>␟<key>}: the breaker's current OPEN (expiring with it) or
 * FORCED_OPEN, for JVMs that start later;</li>
 * <li>{@code trials:<breaker>␟<key>}: which JVM runs a HALF_OPEN round's trial calls
 * (expiring after {@code halfOpen.maxWait});</li>
 * <li>{@code peers}: a sorted set of the JVMs seen, by the time they last said so.</li>
 * </ul>
 */
final class RedisLink implements AutoCloseable {
    /** A JVM not heard of for this long is no longer counted as a peer. */
    static final long PEER_TIMEOUT_MILLIS = 10_000;
    private final Connection connection;
    private final String prefix;
    /** The namespace's secret: what is sent is signed with it, what is read must be. Null for none. */
    private final String secret;

    private RedisLink(Connection connection, String namespace, String secret) {
        this.connection = connection;
        this.prefix = "tripswitch:" + namespace + ":";
        this.secret = secret;
    }

    /** Connects and authenticates; throws Jedis' exceptions (unreachable, refused password). */
    static RedisLink open(ClusterSettings settings, int timeoutMillis) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis).socketTimeoutMillis(timeoutMillis)
                .database(settings.database()).ssl(settings.tls()).clientName("tripswitch");
        if (settings.password() != null) {
            config.user(settings.user()).password(settings.password());
        }
        Connection c = new Connection(new HostAndPort(settings.redis().getHost(), settings.port()), config.build());
        try {
            c.sendCommand(Protocol.Command.PING);
            c.getStatusCodeReply();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return new RedisLink(c, settings.namespace(), settings.secret());
    }

    String channel() {
        return prefix + "events";
    }

    void publish(ClusterMessage m) {
        connection.sendCommand(Protocol.Command.PUBLISH, channel(), m.encode(secret));
        connection.getIntegerReply();
    }

    /** Keeps the breaker's state for JVMs that start later: an OPEN expires with the breaker's open time. */
    void remember(ClusterMessage m) {
        String key = stateKey(m.breaker(), m.key());
        switch (m.kind()) {
            case OPEN: {
                connection.sendCommand(Protocol.Command.SET, key, m.encode(secret), "PX",
                        Long.toString(Math.max(1, m.remainingMillis())));
                connection.getStatusCodeReply();
                break;
            }
            case FORCED_OPEN: {
                connection.sendCommand(Protocol.Command.SET, key, m.encode(secret));
                connection.getStatusCodeReply();
                break;
            }
            default: {
                connection.sendCommand(Protocol.Command.DEL, key);
                connection.getIntegerReply();
                break;
            }
        }
    }

    /**
     * Takes this round's trials of a HALF_OPEN breaker for {@code origin}, unless another JVM
     * holds them; the lease expires after {@code maxWaitMillis} (the trials' own limit), so a
     * JVM that dies holding it blocks the others no longer than that. True when taken.
     */
    boolean takeTrials(String breaker, String key, String origin, long maxWaitMillis) {
        String lease = leaseKey(breaker, key);
        String ttl = Long.toString(Math.max(1, maxWaitMillis));
        connection.sendCommand(Protocol.Command.SET, lease, origin, "NX", "PX", ttl);
        if ("OK".equals(connection.getStatusCodeReply())) {
            return true;
        }
        // a lease without an expiry (set by hand, or by something else) would keep every JVM HALF_OPEN
        // and rejecting for ever: it gets the trials' own limit, so it always expires
        connection.sendCommand(Protocol.Command.PTTL, lease);
        if (connection.getIntegerReply() == -1) {
            connection.sendCommand(Protocol.Command.PEXPIRE, lease, ttl);
            connection.getIntegerReply();
        }
        return false;
    }

    /** The round is over (a verdict, or a reset): the next HALF_OPEN round is anyone's. */
    void endTrials(String breaker, String key) {
        connection.sendCommand(Protocol.Command.DEL, leaseKey(breaker, key));
        connection.getIntegerReply();
    }

    private String leaseKey(String breaker, String key) {
        return prefix + "trials:" + breaker + '\u001f' + (key == null ? "" : key);
    }

    /**
     * Every breaker state the namespace holds now, an OPEN with the time it has left; a kept
     * value that is no message of this namespace (malformed, unsigned) is told to {@code refused}.
     */
    List<ClusterMessage> states(java.util.function.Consumer<ClusterMessage.Refusal> refused) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            connection.sendCommand(Protocol.Command.SCAN, cursor, "MATCH", prefix + "state:*", "COUNT", "200");
            List<Object> reply = connection.getObjectMultiBulkReply();
            cursor = text(reply.get(0));
            for (Object k : (List<?>) reply.get(1)) {
                keys.add(text(k));
            }
        } while (!cursor.equals("0"));
        List<ClusterMessage> out = new ArrayList<>();
        for (String key : keys) {
            connection.sendCommand(Protocol.Command.GET, key);
            String value = connection.getBulkReply();
            connection.sendCommand(Protocol.Command.PTTL, key);
            long ttl = connection.getIntegerReply();
            Object decoded = value == null ? null : ClusterMessage.decode(value, secret);
            if (decoded instanceof ClusterMessage.Refusal) {
                refused.accept((ClusterMessage.Refusal) decoded);
                continue;
            }
            ClusterMessage m = (ClusterMessage) decoded;
            if (m != null && (m.kind() != ClusterMessage.Kind.OPEN || ttl > 0)) {
                out.add(m.kind() == ClusterMessage.Kind.OPEN ? new ClusterMessage(m.kind(), m.origin(), ttl,
                        m.breaker(), m.key(), m.reason()) : m);
            }
        }
        return out;
    }

    /** Says this JVM is here; returns how many other JVMs of the namespace were heard of lately. */
    int heartbeat(String origin, long nowMillis) {
        String peers = prefix + "peers";
        connection.sendCommand(Protocol.Command.ZADD, peers, Long.toString(nowMillis), origin);
        connection.getIntegerReply();
        connection.sendCommand(Protocol.Command.ZREMRANGEBYSCORE, peers, "-inf",
                Long.toString(nowMillis - PEER_TIMEOUT_MILLIS));
        connection.getIntegerReply();
        connection.sendCommand(Protocol.Command.ZCARD, peers);
        return (int) Math.max(0, connection.getIntegerReply() - 1);
    }

    /** Blocks, handing every event of the namespace to {@code subscriber}, until the connection fails or is closed. */
    void listen(JedisPubSub subscriber) {
        subscriber.proceed(connection, channel());
    }

    private String stateKey(String breaker, String key) {
        return prefix + "state:" + breaker + '\u001f' + (key == null ? "" : key);
    }

    private static String text(Object reply) {
        return reply instanceof byte[] ? new String((byte[]) reply, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (RuntimeException e) {
            // closing a broken connection: nothing left to do
        }
    }
}
