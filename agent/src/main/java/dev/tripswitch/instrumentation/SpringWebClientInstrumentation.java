package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.ResultExpression;

/**
 * Spring's reactive {@code WebClient} ({@code spring-webflux}, on Reactor Netty or any
 * connector). Every exchange, whatever the chain ({@code retrieve()}, {@code exchangeToMono()},
 * filters), goes through an {@code ExchangeFunction}'s {@code exchange(ClientRequest)}, which
 * returns a {@code Mono<ClientResponse>}: each subscription is one request, judged on the
 * response's status before any body is decoded or {@code retrieve()} turns a 5xx into a
 * {@code WebClientResponseException}.
 */
final class SpringWebClientInstrumentation extends ClientLibrary {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "spring-webclient";

    private static final MatchSpec EXCHANGE = new MatchSpec(
            "org.springframework.web.reactive.function.client.ExchangeFunction", true, List.of("exchange"), null);

    SpringWebClientInstrumentation() {
        super(PRESET);
    }

    @Override
    ClientInstrumentation definition() {
        FailOn failOn = new FailOn(List.of("java.io.IOException",
                "org.springframework.web.reactive.function.client.WebClientRequestException"), List.of(),
                List.of(ResultExpression.parse("statusCode.value >= 500")), List.of(), List.of());
        return new ClientInstrumentation(PRESET, "Spring `WebClient` (`spring-webflux`)",
                ClientInstrumentation.HOST, failOn, HttpClients.CONNECT_EXCEPTION, false, List.of(
                CallStyle.woven("Spring `WebClient`", "`retrieve()` then `bodyToMono`/`toEntity`/`toBodilessEntity`,"
                        + " `block()` or subscribed", "spring-webflux 6.2, Reactor Netty 1.2", List.of(EXCHANGE),
                        "one subscription = one request, judged on the status before the body is read; when open,"
                        + " the error signal `WebClientRequestException` around `ConnectException` (`block()` throws at once)", "`WebClientIT` (Java 17, 25)"),
                CallStyle.woven("Spring `WebClient`", "`exchangeToMono(response -> ...)`",
                        "spring-webflux 6.2, Reactor Netty 1.2", List.of(EXCHANGE),
                        "judged on the response's status, whatever the function does with it", "`WebClientIT` (Java 17, 25)")),
                "Every WebClient request goes through `ExchangeFunction#exchange(ClientRequest)`, which returns a"
                        + " `Mono<ClientResponse>`: the agent guards each subscription of it (a permit on subscribe,"
                        + " the outcome at its terminal signal, a subscription cancelled after a second or `slowCall` in flight, a `timeout()`, fails; a quicker cancel counts neither way), so a"
                        + " retried or re-subscribed request counts once per attempt, and a 5xx is judged on the"
                        + " status (`statusCode.value >= 500`) before `retrieve()` maps it to an exception. Request"
                        + " errors (`WebClientRequestException`: connection refused, timeouts) fail. When open, the"
                        + " subscription gets `WebClientRequestException` caused by the `ConnectException`, the error a"
                        + " refused connection gives, so `onErrorResume` and `catch (WebClientException e)` handle it.",
                null, Retries.httpRequests(), List.of(ReactorNettyInstrumentation.PRESET), new AsRequestException(), null);
    }

    /**
     * A rejection as WebClient reports a request that never left: {@code WebClientRequestException}
     * (a {@code WebClientException}) around it, with the request's method, URL and headers, built
     * with the application's own spring-webflux.
     */
    static final class AsRequestException implements ClientInstrumentation.RejectionShape {
        private static final String TYPE = "org.springframework.web.reactive.function.client.WebClientRequestException";

        @Override
        public Throwable shape(Throwable rejection, Object self, Object[] args) {
            Object request = args != null && args.length > 0 ? args[0] : null;
            if (request == null) {
                return rejection;
            }
            try {
                Class<?> type = Reflect.type(request, TYPE);
                Object method = Reflect.callQuietly(request, "method");
                Object url = Reflect.callQuietly(request, "url");
                Object headers = Reflect.callQuietly(request, "headers");
                if (method == null || url == null || headers == null) {
                    return rejection;
                }
                for (java.lang.reflect.Constructor<?> c : type.getConstructors()) {
                    Class<?>[] p = c.getParameterTypes();
                    if (p.length == 4 && p[0] == Throwable.class && p[1].isInstance(method) && p[2].isInstance(url)
                            && p[3].isInstance(headers)) {
                        return (Throwable) c.newInstance(rejection, method, url, headers);
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return rejection; // an older or newer WebClient without this shape: the ConnectException itself
            }
            return rejection;
        }
    }
}
