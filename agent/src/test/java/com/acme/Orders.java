package com.acme;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A second client whose methods exercise each way a call can end: futures, results, ignored exceptions. */
public class Orders {
    public static volatile boolean failing;
    public static final AtomicInteger ENTERED = new AtomicInteger();

    /** A response as HTTP clients return them. */
    public static final class Response {
        private final int code;
        private final String body;

        public Response(int code, String body) {
            this.code = code;
            this.body = body;
        }

        public int code() {
            return code;
        }

        public String body() {
            return body;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Response)) {
                return false;
            }
            Response other = (Response) o;
            return code == other.code
                && java.util.Objects.equals(body, other.body);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(code, body);
        }

        @Override
        public String toString() {
            return "Response[code=" + code + ", body=" + body + "]";
        }
    }

    public CompletableFuture<String> placeAsync(String id) {
        ENTERED.incrementAndGet();
        if (failing) {
            return CompletableFuture.supplyAsync(() -> {
                throw new java.util.concurrent.CompletionException(new IOException("orders is down"));
            });
        }
        return CompletableFuture.supplyAsync(() -> "placed " + id);
    }

    /** Never completes: the breaker must reclaim a trial permit after halfOpen.maxWait. */
    public CompletableFuture<String> hang() {
        ENTERED.incrementAndGet();
        return new CompletableFuture<>();
    }

    public String lookup(String id) throws IOException {
        ENTERED.incrementAndGet();
        if (failing) {
            throw new IOException("orders is down");
        }
        return "order " + id + " v" + ENTERED.get();
    }

    public List<String> history(String account) throws IOException {
        ENTERED.incrementAndGet();
        if (failing) {
            throw new IOException("orders is down");
        }
        return List.of("o1", "o2");
    }

    public String cancel(String id, long reason) throws IOException {
        ENTERED.incrementAndGet();
        if (failing) {
            throw new IOException("orders is down");
        }
        return "cancelled " + id;
    }

    public void validate(String input) {
        ENTERED.incrementAndGet();
        if (input.equals("bad")) {
            throw new IllegalArgumentException("bad input");
        }
    }

    public Response fetch(int code) {
        ENTERED.incrementAndGet();
        return new Response(code, "body");
    }
}
