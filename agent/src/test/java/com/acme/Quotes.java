package com.acme;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A client whose methods return promises: one the agent follows (CompletableFuture), one it cannot (Future). */
public class Quotes {
    public Future<String> quote(String symbol) {
        return CompletableFuture.failedFuture(new java.io.IOException("no quote for " + symbol));
    }

    /** The future the last slow quote returned, as the method made it. */
    static volatile CompletableFuture<String> lastSlow;

    /** A quote that takes {@code millis} to arrive. */
    public CompletableFuture<String> slowQuote(String symbol, long millis) {
        CompletableFuture<String> f = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> f.complete("quote " + symbol));
        lastSlow = f;
        return f;
    }

    /** Waits for a slow quote: its value, or its failure and how long it took. */
    static String awaitSlow(String symbol, long millis) throws InterruptedException {
        long start = System.nanoTime();
        try {
            return "ok " + new Quotes().slowQuote(symbol, millis).get();
        } catch (java.util.concurrent.ExecutionException e) {
            return "failure " + e.getCause() + " | after " + (System.nanoTime() - start) / 1_000_000 + " ms"
                    + " | underlying cancelled " + lastSlow.isCancelled();
        }
    }

    public CompletableFuture<String> quoteLater(String symbol) {
        return CompletableFuture.failedFuture(new java.io.IOException("no quote for " + symbol));
    }
}
