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

    private Commands() {
    }

    static String run(String[] w) throws Exception {
        return switch (w[0]) {
            case "jdk-get" -> "ok " + HTTP.send(HttpRequest.newBuilder(URI.create(w[1])).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            case "jdk-async" -> "ok " + HTTP.sendAsync(HttpRequest.newBuilder(URI.create(w[1])).build(),
                    HttpResponse.BodyHandlers.ofString()).get().statusCode();
            case "url-get" -> "ok " + urlGet(w[1]);
            default -> "unknown command " + w[0];
        };
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
