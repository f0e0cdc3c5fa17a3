package com.acme;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * R2DBC as a reactive service uses it: a connection factory per URL (the driver's, or
 * r2dbc-pool's in front of it: {@code r2dbc:pool:postgresql://...}), a query on a connection
 * of its own, the first column of the first row. Answers {@code ok VALUE} or
 * {@code failure TYPE: MESSAGE}.
 *
 * <pre>
 * r2dbc-query URL SQL...    create(), createStatement(sql).execute(), the first value; the connection closed
 * </pre>
 */
final class R2dbcCommands {
    private static final Map<String, ConnectionFactory> FACTORIES = new ConcurrentHashMap<>();

    private R2dbcCommands() {
    }

    static String run(String[] w) {
        try {
            String sql = String.join(" ", java.util.Arrays.copyOfRange(w, 2, w.length));
            ConnectionFactory factory = FACTORIES.computeIfAbsent(w[1], ConnectionFactories::get);
            Object value = Mono.usingWhen(Mono.from(factory.create()),
                    (Connection c) -> Flux.from(c.createStatement(sql).execute())
                            .flatMap(result -> result.map((row, meta) -> String.valueOf(row.get(0)))).next(),
                    Connection::close).block(Duration.ofSeconds(10));
            return "ok " + value;
        } catch (RuntimeException e) {
            Throwable t = e.getClass().getName().startsWith("reactor.") && e.getCause() != null ? e.getCause() : e;
            return "failure " + t.getClass().getName() + ": " + t.getMessage();
        }
    }
}
