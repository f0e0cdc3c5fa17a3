package com.acme;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.BasicHttpClientResponseHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/** Commands that call through third-party clients: OkHttp, Apache HttpClient 5 and JDBC drivers. */
final class ClientCommands {
    private static OkHttpClient okhttp;
    private static CloseableHttpClient apache;

    private ClientCommands() {
    }

    static String okhttpGet(String url) throws IOException {
        if (okhttp == null) {
            okhttp = new OkHttpClient();
        }
        try (Response r = okhttp.newCall(new Request.Builder().url(url).build()).execute()) {
            return String.valueOf(r.code());
        }
    }

    @SuppressWarnings("deprecation")
    static String apacheGet(String url) throws IOException {
        try (CloseableHttpResponse r = apache().execute(new HttpGet(url))) {
            return String.valueOf(r.getCode());
        }
    }

    /** The handler style HttpClient 5's own documentation recommends: the handler turns the response into a value. */
    static String apacheHandler(String url) throws IOException {
        Integer code = apache().execute(new HttpGet(url), response -> response.getCode());
        return String.valueOf(code);
    }

    static String apacheBody(String url) throws IOException {
        return apache().execute(new HttpGet(url), new BasicHttpClientResponseHandler());
    }

    private static CloseableHttpClient apache() {
        if (apache == null) {
            apache = HttpClients.createDefault();
        }
        return apache;
    }

    /** Connects, runs one query, disconnects: each step goes through the JDBC driver. */
    static String jdbcQuery(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
