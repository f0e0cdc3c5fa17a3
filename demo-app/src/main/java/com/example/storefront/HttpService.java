package com.example.storefront;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/** A fake remote service (payments, inventory) on a loopback port, whose behaviour the scenario changes. */
final class HttpService {
    private final String name;
    private final int port;
    private volatile Mode mode = Mode.HEALTHY;
    private HttpServer server;

    HttpService(String name) throws IOException {
        this.name = name;
        start(0);
        this.port = server.getAddress().getPort();
    }

    private void start(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 100);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-service");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            Mode m = mode;
            if (m == Mode.SLOW) {
                sleep(5000);
            }
            int status = m == Mode.FAILING ? 503 : 200;
            byte[] body = (name + " " + (status == 200 ? "ok" : "unavailable")).getBytes();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    synchronized void set(Mode next) throws IOException {
        if (next == Mode.GONE && mode != Mode.GONE) {
            server.stop(0);
        } else if (next != Mode.GONE && mode == Mode.GONE) {
            start(port);
        }
        mode = next;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void stop() {
        server.stop(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
