package com.example.storefront;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application: placing an order checks stock with the inventory service
 * (HttpURLConnection), charges with the payments service (java.net.http.HttpClient) and
 * records the order in the database (JDBC). It handles its dependencies' failures as
 * applications do, with timeouts and fallbacks, and knows nothing of circuit breakers.
 */
final class Storefront {
    /** How an order ended, as the customer saw it. */
    enum Outcome { PLACED, DEGRADED, FAILED }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String inventoryUrl;
    private final String paymentsUrl;
    private final String databaseUrl;
    private final AtomicLong orderIds = new AtomicLong();
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final AtomicLong outbox = new AtomicLong();

    Storefront(String inventoryUrl, String paymentsUrl, String databaseUrl) {
        this.inventoryUrl = inventoryUrl;
        this.paymentsUrl = paymentsUrl;
        this.databaseUrl = databaseUrl;
    }

    /** Order ids from {@code first} on: a second storefront of a fleet shares the database. */
    void startIdsAt(long first) {
        orderIds.set(first - 1);
    }

    void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl, "sa", "")) {
            c.createStatement().execute("create table if not exists orders(id bigint primary key, status varchar(20))");
        }
    }

    Outcome placeOrder() {
        long id = orderIds.incrementAndGet();
        boolean inStock;
        try {
            inStock = checkStock();
        } catch (IOException e) {
            inStock = true; // inventory unknown: sell anyway, reconcile later
        }
        if (!inStock) {
            return Outcome.FAILED;
        }
        String status = "paid";
        try {
            charge(id);
        } catch (IOException e) {
            status = "payment-pending"; // take the order, charge when payments is back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        }
        try {
            record(id, status);
        } catch (SQLTransientException e) {
            outbox.incrementAndGet(); // the database is not taking writes now: keep the order, write it later
            return Outcome.DEGRADED;
        } catch (SQLException e) {
            closeConnection();
            return Outcome.FAILED;
        }
        return status.equals("paid") ? Outcome.PLACED : Outcome.DEGRADED;
    }

    private boolean checkStock() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(inventoryUrl).openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(1000);
        try {
            int code = c.getResponseCode();
            if (code >= 500) {
                throw new IOException("inventory answered " + code);
            }
            try (InputStream in = c.getInputStream()) {
                in.readAllBytes();
            }
            return true;
        } finally {
            c.disconnect();
        }
    }

    private void charge(long id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(paymentsUrl))
                .timeout(Duration.ofSeconds(1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\":" + id + "}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new IOException("payments answered " + response.statusCode());
        }
    }

    private void record(long id, String status) throws SQLException {
        Connection c = connection.get();
        if (c == null) {
            c = DriverManager.getConnection(databaseUrl, "sa", "");
            connection.set(c);
        }
        try (Statement s = c.createStatement()) { // H2 prepares on the server: a plain statement is one round trip
            s.executeUpdate("insert into orders(id, status) values (" + id + ", '" + status + "')");
        }
    }

    private void closeConnection() {
        Connection c = connection.get();
        connection.remove();
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // it is broken anyway
            }
        }
    }
}
