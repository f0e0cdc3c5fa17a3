package com.acme;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Jedis as a service calls it: a long-lived {@code Jedis} per server, a {@code JedisPooled}
 * per server, pipelines; every reply within half a second ({@code soTimeout}), as a service
 * that must not hang on a stalled Redis sets it. Each command answers {@code ok VALUE} or
 * {@code failure TYPE: MESSAGE}.
 *
 * <pre>
 * jedis-set HOST:PORT KEY VALUE     Jedis.set
 * jedis-get HOST:PORT KEY           Jedis.get
 * jedis-ping HOST:PORT              Jedis.ping
 * jedis-pooled-get HOST:PORT KEY    JedisPooled.get (through its pool)
 * jedis-pipeline HOST:PORT KEY      a pipeline: incr and get, then sync()
 * jedis-transaction HOST:PORT KEY   multi, incr, exec()
 * </pre>
 */
final class JedisCommands {
    private static final JedisClientConfig CONFIG = DefaultJedisClientConfig.builder().connectionTimeoutMillis(500)
            .socketTimeoutMillis(500).build();
    private static final Map<String, Jedis> SINGLE = new ConcurrentHashMap<>();
    private static final Map<String, JedisPooled> POOLED = new ConcurrentHashMap<>();

    private JedisCommands() {
    }

    static String run(String[] w) {
        try {
            return "ok " + command(w);
        } catch (Exception e) {
            return "failure " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static Object command(String[] w) {
        switch (w[0]) {
            case "jedis-set":
                return jedis(w[1]).set(w[2], w[3]);
            case "jedis-get":
                return jedis(w[1]).get(w[2]);
            case "jedis-ping":
                return jedis(w[1]).ping();
            case "jedis-pooled-get":
                return pooled(w[1]).get(w[2]);
            case "jedis-pipeline": {
                try (Pipeline p = pooled(w[1]).pipelined()) {
                    p.incr(w[2]);
                    Response<String> value = p.get(w[2]);
                    p.sync();
                    return value.get();
                }
            }
            case "jedis-transaction": {
                Jedis jedis = jedis(w[1]);
                redis.clients.jedis.Transaction t = jedis.multi();
                t.incr(w[2]);
                List<Object> replies = t.exec();
                return replies;
            }
            default:
                return "unknown command " + w[0];
        }
    }

    /**
     * One {@code Jedis} per server, kept as a service keeps it; replaced when broken, as Jedis
     * leaves a connection whose read failed.
     */
    private static Jedis jedis(String server) {
        return SINGLE.compute(server, (k, j) -> j == null || j.isBroken() ? new Jedis(HostAndPort.from(server), CONFIG) : j);
    }

    private static JedisPooled pooled(String server) {
        return POOLED.computeIfAbsent(server, k -> new JedisPooled(HostAndPort.from(server), CONFIG));
    }
}
