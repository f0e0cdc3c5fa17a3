package com.acme;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import retrofit2.Retrofit;
import retrofit2.http.GET;

/**
 * The asynchronous styles of OkHttp, Retrofit and HttpClient 5, as applications write them:
 * each command waits for its callback (or future) and reports what it got and on which thread.
 */
final class AsyncClientCommands {
    private static final OkHttpClient OKHTTP = new OkHttpClient();
    private static CloseableHttpAsyncClient apache;
    private static Future<SimpleHttpResponse> pending;

    /** Retrofit's view of the test server. */
    interface Service {
        @GET("/")
        retrofit2.Call<ResponseBody> get();
    }

    private AsyncClientCommands() {
    }

    /** {@code call.enqueue(callback)}; {@code throwing}: the callback's onResponse throws after reading the code. */
    static String okhttpEnqueue(String url, boolean throwing) throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        String caller = Thread.currentThread().getName();
        OKHTTP.newCall(new Request.Builder().url(url).build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    seen.complete("ok " + response.code());
                }
                if (throwing) {
                    throw new IllegalStateException("the application's own callback failed");
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                seen.complete("failure " + e.getClass().getName() + ": " + e.getMessage() + " | "
                        + onThread(caller));
            }
        });
        return seen.get(20, TimeUnit.SECONDS);
    }

    static String retrofitExecute(String url) throws IOException {
        retrofit2.Response<ResponseBody> r = retrofit(url).get().execute();
        try (ResponseBody ignored = r.isSuccessful() ? r.body() : r.errorBody()) {
            return "ok " + r.code();
        }
    }

    static String retrofitEnqueue(String url) throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        String caller = Thread.currentThread().getName();
        retrofit(url).get().enqueue(new retrofit2.Callback<>() {
            @Override
            public void onResponse(retrofit2.Call<ResponseBody> call, retrofit2.Response<ResponseBody> response) {
                seen.complete("ok " + response.code());
            }

            @Override
            public void onFailure(retrofit2.Call<ResponseBody> call, Throwable t) {
                seen.complete("failure " + t.getClass().getName() + ": " + t.getMessage() + " | " + onThread(caller));
            }
        });
        return seen.get(20, TimeUnit.SECONDS);
    }

    private static Service retrofit(String url) {
        return new Retrofit.Builder().baseUrl(url).client(OKHTTP).build().create(Service.class);
    }

    /** HttpClient 5 async with a FutureCallback; the command waits for the callback, not the future. */
    static String apacheAsync(String url) throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        String caller = Thread.currentThread().getName();
        Future<SimpleHttpResponse> future = apache().execute(SimpleRequestBuilder.get(url).build(),
                new FutureCallback<>() {
                    @Override
                    public void completed(SimpleHttpResponse result) {
                        seen.complete("ok " + result.getCode());
                    }

                    @Override
                    public void failed(Exception e) {
                        seen.complete("failure " + e.getClass().getName() + ": " + e.getMessage() + " | "
                                + onThread(caller));
                    }

                    @Override
                    public void cancelled() {
                        seen.complete("cancelled");
                    }
                });
        String result = seen.get(20, TimeUnit.SECONDS);
        return result + (result.startsWith("failure") ? " | future done " + future.isDone() : "");
    }

    /** HttpClient 5 async without a callback: the application waits on the returned future. */
    static String apacheAsyncFuture(String url) throws Exception {
        try {
            return "ok " + apache().execute(SimpleHttpRequest.create("GET", url), null).get(20, TimeUnit.SECONDS)
                    .getCode();
        } catch (ExecutionException e) {
            return "failure " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        }
    }

    /** Starts a request and leaves it running; {@link #apacheCancel} cancels it. */
    static String apacheStart(String url) {
        pending = apache().execute(SimpleHttpRequest.create("GET", url), null);
        return "ok started";
    }

    static String apacheCancel() {
        return "ok " + pending.cancel(true);
    }

    private static CloseableHttpAsyncClient apache() {
        if (apache == null) {
            apache = HttpAsyncClients.createDefault();
            apache.start();
        }
        return apache;
    }

    private static String onThread(String caller) {
        String thread = Thread.currentThread().getName();
        return (thread.equals(caller) ? "on the caller's thread " : "on another thread ") + thread;
    }
}
