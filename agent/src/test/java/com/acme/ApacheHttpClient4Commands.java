package com.acme;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.http.HttpResponse;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.impl.client.BasicResponseHandler;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.nio.client.CloseableHttpAsyncClient;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.apache.http.util.EntityUtils;

/** Apache HttpClient 4.5, HttpAsyncClient 4.1 and Commons HttpClient 3.1, as older services call them. */
final class ApacheHttpClient4Commands {
    private static CloseableHttpClient classic;
    private static CloseableHttpAsyncClient async;

    private ApacheHttpClient4Commands() {
    }

    private static CloseableHttpClient classic() {
        if (classic == null) {
            classic = HttpClients.createDefault();
        }
        return classic;
    }

    private static CloseableHttpAsyncClient async() {
        if (async == null) {
            async = HttpAsyncClients.createDefault();
            async.start();
        }
        return async;
    }

    /** {@code hc4-get URL}: {@code execute(request)}, the status, or the exception. */
    static String get(String url) {
        try (CloseableHttpResponse response = classic().execute(new HttpGet(url))) {
            EntityUtils.consume(response.getEntity());
            return "ok " + response.getStatusLine().getStatusCode();
        } catch (Exception e) {
            return "failure " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** {@code hc4-handler URL}: {@code execute(request, new BasicResponseHandler())}, which throws on errors. */
    static String handler(String url) {
        try {
            return "ok " + classic().execute(new HttpGet(url), new BasicResponseHandler());
        } catch (Exception e) {
            return "failure " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /**
     * {@code hc3-get URL}: Commons HttpClient 3.1 (class files of Java 1.2), {@code executeMethod(GetMethod)},
     * the status it returns or the exception.
     */
    static String commonsGet(String url) {
        org.apache.commons.httpclient.methods.GetMethod get = new org.apache.commons.httpclient.methods.GetMethod(url);
        try {
            return "ok " + new org.apache.commons.httpclient.HttpClient().executeMethod(get);
        } catch (Exception e) {
            return "failure " + e.getClass().getName() + ": " + e.getMessage();
        } finally {
            get.releaseConnection();
        }
    }

    /** {@code hc4-async URL}: {@code execute(request, callback)}; what the callback heard. */
    static String asyncCallback(String url) throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        async().execute(new HttpGet(url), new FutureCallback<HttpResponse>() {
            @Override
            public void completed(HttpResponse result) {
                seen.complete("ok " + result.getStatusLine().getStatusCode());
            }

            @Override
            public void failed(Exception e) {
                seen.complete("failure " + e.getClass().getName() + ": " + e.getMessage());
            }

            @Override
            public void cancelled() {
                seen.complete("cancelled");
            }
        });
        return seen.get(20, TimeUnit.SECONDS);
    }

    /** {@code hc4-async-future URL}: no callback, the application waits on the returned future. */
    static String asyncFuture(String url) throws Exception {
        Future<HttpResponse> future = async().execute(new HttpGet(url), null);
        try {
            return "ok " + future.get(20, TimeUnit.SECONDS).getStatusLine().getStatusCode();
        } catch (java.util.concurrent.ExecutionException e) {
            return "failure " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        }
    }
}
