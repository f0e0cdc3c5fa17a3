package com.acme;

import java.io.IOException;
import java.time.Duration;

import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Spring's WebClient and the application's own Reactor methods, as applications use them. */
final class ReactiveCommands {
    private static WebClient web;

    private ReactiveCommands() {
    }

    private static WebClient web() {
        if (web == null) {
            web = WebClient.create();
        }
        return web;
    }

    /** {@code retrieve().toBodilessEntity().block()}: the status, or the exception and how long block() took to throw. */
    static String webclientGet(String url) {
        long start = System.nanoTime();
        try {
            return "ok " + web().get().uri(url).retrieve().toBodilessEntity().block(Duration.ofSeconds(20))
                    .getStatusCode().value();
        } catch (RuntimeException e) {
            return "failure " + chain(e) + " | took " + (System.nanoTime() - start) / 1_000_000 + " ms";
        }
    }

    /** {@code exchangeToMono}: the application reads the status itself; no exception for a 5xx. */
    static String webclientExchange(String url) {
        try {
            return "ok " + web().get().uri(url).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
                    .block(Duration.ofSeconds(20));
        } catch (RuntimeException e) {
            return "failure " + chain(e);
        }
    }

    private static reactor.netty.http.client.HttpClient netty;

    private static reactor.netty.http.client.HttpClient netty() {
        if (netty == null) {
            netty = reactor.netty.http.client.HttpClient.create()
                    .responseTimeout(Duration.ofSeconds(2));
        }
        return netty;
    }

    /**
     * Reactor Netty's HttpClient used directly: {@code reactor-netty STYLE URL [PATH]} with style
     * {@code single} ({@code responseSingle}), {@code response} ({@code response()}) or
     * {@code content} ({@code responseContent()} on a base URL and a relative path).
     */
    static String reactorNetty(String style, String url, String path) {
        long start = System.nanoTime();
        try {
            Mono<String> answer;
            switch (style) {
                case "single":
                    answer = netty().get().uri(url)
                        .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                                .map(b -> response.status().code() + " " + b));
                    break;
                case "response":
                    answer = netty().get().uri(url).response().map(r -> String.valueOf(r.status().code()));
                    break;
                case "content":
                    answer = netty().baseUrl(url).get().uri(path).responseContent().aggregate().asString()
                        .defaultIfEmpty("");
                    break;
                default:
                    throw new IllegalArgumentException(style);
            }
            return "ok " + answer.block(Duration.ofSeconds(20));
        } catch (RuntimeException e) {
            return "failure " + chain(e) + " | took " + (System.nanoTime() - start) / 1_000_000 + " ms";
        }
    }

    /** Subscribes to the application's own Mono {@code times} times: each subscription is a call. */
    static String quoteMono(String symbol, int times) {
        Mono<String> quote = new ReactiveQuotes().quoteMono(symbol);
        StringBuilder out = new StringBuilder("ok");
        for (int i = 0; i < times; i++) {
            try {
                out.append(' ').append(quote.block(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                out.append(' ').append(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
        }
        return out.toString();
    }

    /** Blocks on a quote that never arrives: the rule's timeout ends it. */
    static String stalledQuote(String symbol) {
        long start = System.nanoTime();
        try {
            return "ok " + new ReactiveQuotes().stalledQuote(symbol).block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            return "failure " + chain(e) + " | after " + (System.nanoTime() - start) / 1_000_000 + " ms";
        }
    }

    /** Subscribes to a Flux that never ends and cancels it: neither success nor failure. */
    static String tickerCancelled() {
        Flux<Long> ticks = new ReactiveQuotes().ticker();
        return "ok " + ticks.take(2).collectList().block(Duration.ofSeconds(5)).size();
    }

    /** The exception and its causes, by class and message. */
    private static String chain(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.length() == 0 ? "" : " <- ").append(t.getClass().getName()).append(": ")
                    .append(t.getMessage());
        }
        return out.toString();
    }

    static IOException quoteFailure(String symbol) {
        return new IOException("no quote for " + symbol);
    }
}
