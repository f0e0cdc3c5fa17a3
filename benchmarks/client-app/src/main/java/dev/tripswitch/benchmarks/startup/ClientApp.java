package dev.tripswitch.benchmarks.startup;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * The small client application the start-up benchmark runs: Apache HttpClient 5, the JDK's
 * HttpClient and the PostgreSQL driver, one call each (the two HTTP calls to a loopback
 * server it starts, the database call to a port where nothing listens), then exit.
 * Not a test: {@code benchmarks/startup.sh} times whole processes of it.
 */
public final class ClientApp {
    private ClientApp() {
    }

    private static final boolean TIMES = Boolean.getBoolean("client.times");
    private static long last = System.nanoTime();

    /** With -Dclient.times=true, how long each step took (to see where a start goes). */
    private static void step(String what) {
        if (TIMES) {
            long now = System.nanoTime();
            System.err.printf("%-12s %5d ms%n", what, (now - last) / 1_000_000);
            last = now;
        }
    }

    public static void main(String[] args) throws Exception {
        step("main");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        step("server");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        int codes = 0;
        try (CloseableHttpClient apache = HttpClients.createDefault()) {
            codes += apache.execute(new HttpGet(url), response -> response.getCode());
        }
        step("apache");
        codes += HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
        step("jdk-http");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try {
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + closed + "/x?connectTimeout=1", "x", "x").close();
        } catch (SQLException expected) {
            codes += 1;
        }
        step("postgresql");
        server.stop(0);
        System.out.println(codes == 401 ? "ok" : "unexpected " + codes);
        System.exit(codes == 401 ? 0 : 1);
    }
}
