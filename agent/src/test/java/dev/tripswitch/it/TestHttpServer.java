package dev.tripswitch.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers 200 or, on command, 503, or holds every request until
 * told to stop stalling; it counts the requests that reached it.
 */
final class TestHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile int status = 200;
    private volatile java.util.concurrent.CountDownLatch stall = new java.util.concurrent.CountDownLatch(0);

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            try {
                stall.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("status " + status).getBytes();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** An address where nothing listens any more (connections are refused), with its host key. */
    record Refused(String url, String hostKey) {
    }

    static Refused refused() throws IOException {
        try (TestHttpServer server = new TestHttpServer()) {
            return new Refused(server.url(), server.hostKey());
        }
    }

    /** While on, requests reach the server and wait (up to 30 s) for it to be switched off. */
    void stalling(boolean on) {
        if (on) {
            stall = new java.util.concurrent.CountDownLatch(1);
        } else {
            stall.countDown();
        }
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
        stall.countDown();
        server.stop(0);
    }
}
