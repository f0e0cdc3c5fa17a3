package com.acme;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Lettuce as a service calls it: one connection per server, kept open, its commands through
 * the synchronous, asynchronous and reactive APIs, every command within half a second
 * (the client's timeout) and a quick reconnect. Each command answers {@code ok VALUE} or
 * {@code failure TYPE: MESSAGE}.
 *
 * <pre>
 * lettuce-set HOST:PORT KEY VALUE         sync().set
 * lettuce-get HOST:PORT KEY               sync().get
 * lettuce-async-get HOST:PORT KEY         async().get, then the future's get
 * lettuce-reactive-get HOST:PORT KEY      reactive().get, then block
 * </pre>
 */
final class LettuceCommands {
    private static final ClientResources RESOURCES = ClientResources.builder()
            .reconnectDelay(Delay.constant(Duration.ofMillis(200))).build();
    private static final Map<String, StatefulRedisConnection<String, String>> CONNECTIONS = new ConcurrentHashMap<>();

    private LettuceCommands() {
    }

    static String run(String[] w) {
        try {
            return "ok " + command(w);
        } catch (Exception e) {
            Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            return "failure " + t.getClass().getName() + ": " + t.getMessage();
        }
    }

    private static Object command(String[] w) throws Exception {
        StatefulRedisConnection<String, String> c = connection(w[1]);
        switch (w[0]) {
            case "lettuce-set":
                return c.sync().set(w[2], w[3]);
            case "lettuce-get":
                return c.sync().get(w[2]);
            case "lettuce-async-get":
                return c.async().get(w[2]).get(5, TimeUnit.SECONDS);
            case "lettuce-reactive-get":
                return c.reactive().get(w[2]).block(Duration.ofSeconds(5));
            default:
                return "unknown command " + w[0];
        }
    }

    private static StatefulRedisConnection<String, String> connection(String server) {
        return CONNECTIONS.computeIfAbsent(server, s -> {
            int colon = s.lastIndexOf(':');
            RedisURI uri = RedisURI.builder().withHost(s.substring(0, colon))
                    .withPort(Integer.parseInt(s.substring(colon + 1))).withTimeout(Duration.ofMillis(500)).build();
            return RedisClient.create(RESOURCES, uri).connect();
        });
    }
}
