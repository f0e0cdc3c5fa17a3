package dev.tripswitch.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A loopback HTTP server that answers 200 or, on command, 503; it counts the requests that reached it. */
final class TestHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile int status = 200;

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = ("status " + status).getBytes();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    void failing(boolean on) {
        status = on ? 503 : 200;
    }

    int hits() {
        return hits.get();
    }

    String hostKey() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String url() {
        return "http://" + hostKey() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
