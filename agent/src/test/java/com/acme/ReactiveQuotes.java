package com.acme;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The application's own reactive client: methods returning a Mono and a Flux. */
public class ReactiveQuotes {
    /** A quote service that is down: every subscription fails. */
    public Mono<String> quoteMono(String symbol) {
        return Mono.error(ReactiveCommands.quoteFailure(symbol));
    }

    /** A quote that never arrives. */
    public Mono<String> stalledQuote(String symbol) {
        return Mono.never();
    }

    /** A stream that never ends on its own. */
    public Flux<Long> ticker() {
        return Flux.interval(Duration.ofMillis(10));
    }
}
