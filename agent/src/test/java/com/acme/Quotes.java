package com.acme;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A client whose methods return promises: one the agent follows (CompletableFuture), one it cannot (Future). */
public class Quotes {
    public Future<String> quote(String symbol) {
        return CompletableFuture.failedFuture(new java.io.IOException("no quote for " + symbol));
    }

    public CompletableFuture<String> quoteLater(String symbol) {
        return CompletableFuture.failedFuture(new java.io.IOException("no quote for " + symbol));
    }
}
