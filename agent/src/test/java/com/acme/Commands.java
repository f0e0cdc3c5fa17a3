package com.acme;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Commands of the target application that use real clients: the JDK's HttpClient and HttpURLConnection. */
final class Commands {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Orders ORDERS = new Orders();

    private Commands() {
    }

    static String run(String[] w) throws Exception {
        switch (w[0]) {
            case "jdk-get":
                return "ok " + HTTP.send(HttpRequest.newBuilder(URI.create(w[1])).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            case "jdk-async":
                return "ok " + HTTP.sendAsync(HttpRequest.newBuilder(URI.create(w[1])).build(),
                    HttpResponse.BodyHandlers.ofString()).get().statusCode();
            case "jdk-post":
                return "ok " + HTTP.send(HttpRequest.newBuilder(URI.create(w[1]))
                    .POST(HttpRequest.BodyPublishers.ofString("order")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            case "timed": { // runs the rest of the line as a command and says how long it took
                long start = System.nanoTime();
                String answer;
                try {
                    answer = run(java.util.Arrays.copyOfRange(w, 1, w.length));
                } catch (Exception e) {
                    answer = "error " + e.getClass().getName() + ": " + e.getMessage();
                }
                return answer + " | in " + (System.nanoTime() - start) / 1_000_000 + " ms";
            }
            case "background-traffic":
                return backgroundTraffic(w[1], w[2]);
            case "url-get":
                return "ok " + urlGet(w[1]);
            case "url-read-all":
                return "ok " + urlReadAll(w[1]);
            case "rest-get":
                return "ok " + SpringCommands.restGet(w[1]);
            case "rest-hc5-get":
                return "ok " + SpringCommands.restGetOnHttpClient5(w[1]);
            case "restclient-get":
                return RestClientCommands.restClientGet(w[1], w[2]);
            case "hikari-open":
                return PoolCommands.open(w[1], w[2]);
            case "churn":
                return Churn.run(Integer.parseInt(w[1]));
            case "background-churn":
                return Churn.background(w[1].equals("on"));
            case "hikari-connections":
                return PoolCommands.connections();
            case "pool-open":
                return PoolCommands.openOther(w[1], w[2], w[3]);
            case "pool-query":
                return PoolCommands.queryOther(w[1], String.join(" ", java.util.Arrays.copyOfRange(w, 2, w.length)));
            case "hikari-query":
                return PoolCommands.query(String.join(" ", java.util.Arrays.copyOfRange(w, 1, w.length)));
            case "resttemplate-get":
                return RestClientCommands.restTemplateGet(w[1], w[2]);
            case "orders-fail": {
                Orders.failing = w[1].equals("on");
                return "ok";
            }
            case "orders-entered":
                return "ok " + Orders.ENTERED.get();
            case "place":
                return "ok " + ORDERS.placeAsync(w[1]).get();
            case "hang": {
                ORDERS.hang();
                return "ok";
            }
            case "lookup":
                return "ok " + ORDERS.lookup(w[1]);
            case "history":
                return "ok " + ORDERS.history(w[1]);
            case "cancel":
                return "ok " + ORDERS.cancel(w[1], 7);
            case "validate": {
                ORDERS.validate(w[1]);
                return "ok";
            }
            case "fetch":
                return "ok " + ORDERS.fetch(Integer.parseInt(w[1])).code();
            case "sms": {
                SmsClient.failing = w[1].equals("fail");
                Gateway gateway = new SmsClient();
                switch (w[2]) {
                    case "send":
                        return "ok " + gateway.send("hi");
                    case "notify2":
                        return "ok " + new SmsClient().notify("bob", 1L);
                    default:
                        return "ok " + new SmsClient().notify("bob");
                }
            }
            case "blob-length":
                return "ok " + new AuditBlob(w[1].getBytes(java.nio.charset.StandardCharsets.UTF_8)).length();
            case "crowd":
                return "ok " + Inventory.crowd(Integer.parseInt(w[1]), Long.parseLong(w[2]));
            case "grpc":
                return GrpcCommands.call(w[1], w[2], w[3]);
            case "hc4-get":
                return ApacheHttpClient4Commands.get(w[1]);
            case "hc3-get":
                return ApacheHttpClient4Commands.commonsGet(w[1]);
            case "hc4-handler":
                return ApacheHttpClient4Commands.handler(w[1]);
            case "hc4-async":
                return ApacheHttpClient4Commands.asyncCallback(w[1]);
            case "hc4-async-future":
                return ApacheHttpClient4Commands.asyncFuture(w[1]);
            case "webclient-get":
                return ReactiveCommands.webclientGet(w[1]);
            case "webclient-exchange":
                return ReactiveCommands.webclientExchange(w[1]);
            case "reactor-netty":
                return ReactiveCommands.reactorNetty(w[1], w[2], w.length > 3 ? w[3] : null);
            case "quote-mono":
                return ReactiveCommands.quoteMono(w[1], Integer.parseInt(w[2]));
            case "stalled-quote":
                return ReactiveCommands.stalledQuote(w[1]);
            case "ticker":
                return ReactiveCommands.tickerCancelled();
            case "slow-quote":
                return Quotes.awaitSlow(w[1], Long.parseLong(w[2]));
            case "quote":
                return "ok " + new Quotes().quote(w[1]).isDone();
            case "quote-later":
                return "ok " + new Quotes().quoteLater(w[1]).isCompletedExceptionally();
            case "okhttp-get":
                return "ok " + ClientCommands.okhttpGet(w[1]);
            case "okhttp-enqueue":
                return AsyncClientCommands.okhttpEnqueue(w[1], false);
            case "okhttp-enqueue-throwing":
                return AsyncClientCommands.okhttpEnqueue(w[1], true);
            case "retrofit-execute":
                return AsyncClientCommands.retrofitExecute(w[1]);
            case "retrofit-enqueue":
                return AsyncClientCommands.retrofitEnqueue(w[1]);
            case "apache-async":
                return AsyncClientCommands.apacheAsync(w[1]);
            case "apache-async-future":
                return AsyncClientCommands.apacheAsyncFuture(w[1]);
            case "apache-async-start":
                return AsyncClientCommands.apacheStart(w[1]);
            case "apache-async-cancel":
                return AsyncClientCommands.apacheCancel();
            case "apache-get":
                return "ok " + ClientCommands.apacheGet(w[1]);
            case "apache-body":
                return "ok " + ClientCommands.apacheBody(w[1]);
            case "apache-handler":
                return "ok " + ClientCommands.apacheHandler(w[1]);
            case "jdbc":
                return "ok " + ClientCommands.jdbcQuery(w[1], w[2], w[3].equals("-") ? "" : w[3],
                    String.join(" ", java.util.Arrays.copyOfRange(w, 4, w.length)));
            case "retransform":
                return "ok " + SecondAgent.retransform();
            case "everyday":
                return "ok " + Everyday.run();
            case "loader-charge":
                return "ok " + IsolatedLoaders.charge(w[1], w[2].equals("nested"), w[3].equals("fail"));
            default:
                if (w[0].startsWith("jedis-")) {
                    return JedisCommands.run(w);
                }
                if (w[0].startsWith("lettuce-")) {
                    return LettuceCommands.run(w);
                }
                if (w[0].startsWith("kafka-")) {
                    return KafkaCommands.run(w);
                }
                if (w[0].startsWith("r2dbc-")) {
                    return R2dbcCommands.run(w);
                }
                return "unknown command " + w[0];
        }
    }

    /** What applications read of one response: status, headers one by one, then the body or the error body. */
    private static String urlReadAll(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.connect();
        int code = c.getResponseCode();
        String type = c.getContentType();
        c.getHeaderField("Content-Length");
        c.getContentLengthLong();
        c.getHeaderFields();
        c.getHeaderFieldDate("Date", 0);
        c.getResponseMessage();
        byte[] body;
        try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
            body = in == null ? new byte[0] : in.readAllBytes();
        }
        if (code >= 400) {
            try {
                c.getInputStream(); // applications that ignore the code learn of the error here
            } catch (IOException expected) {
                // the error the status already told
            }
        }
        c.disconnect();
        return code + " " + type + " " + body.length;
    }

    /**
     * Starts a daemon that calls {@code url} with the JDK's HttpClient and HttpURLConnection and
     * queries {@code jdbcUrl}, over and over: an application's everyday outbound traffic.
     */
    private static String backgroundTraffic(String url, String jdbcUrl) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                    urlGet(url);
                    try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "sa", "");
                         java.sql.Statement s = c.createStatement()) {
                        s.executeQuery("select 1").close();
                    }
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a failed call is traffic too
                }
            }
        }, "background-traffic");
        t.setDaemon(true);
        t.start();
        return "ok";
    }

    private static int urlGet(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        try {
            int code = c.getResponseCode();
            if (code < 400) {
                try (InputStream in = c.getInputStream()) {
                    in.readAllBytes();
                }
            }
            return code;
        } finally {
            c.disconnect();
        }
    }
}
