package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.ResultExpression;

/**
 * Reactor Netty's {@code HttpClient} used directly ({@code reactor-netty-http} 1.x, as Spring
 * Cloud Gateway and hand-written reactive clients use it). Every way of reading a response
 * ({@code response()}, {@code responseSingle}, {@code responseContent()}, {@code response(fn)},
 * {@code responseConnection}, a websocket's handshake) starts from the same {@code Mono} of the
 * connection and its response headers, made by {@code HttpClientConnect#connect()}: each
 * subscription of it is one request, judged on the response's status before any body is read.
 *
 * <p>WebClient and Spring's {@code ReactorClientHttpRequestFactory} drive this client: their
 * presets cover this one (docs/presets.md, "One request, one call"), carried in the Reactor
 * subscriber context of their subscriptions, so a request through them is their call alone.
 */
final class ReactorNettyInstrumentation extends ClientLibrary implements HostProbe {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "reactor-netty";

    private static final MatchSpec CONNECT = new MatchSpec("reactor.netty.http.client.HttpClientConnect", false,
            List.of("connect"), List.of());

    ReactorNettyInstrumentation() {
        super(PRESET);
    }

    /** The client's configuration ({@code HttpClientConfig}): its {@code uri}, or a relative one on its {@code baseUrl}. */
    @Override
    public HostProbe.Reader readerFor(Class<?> type) {
        if (!Reflect.hasProperty(type, "baseUrl") || !Reflect.hasProperty(type, "uri")) {
            return null;
        }
        return (o, next) -> {
            String h = next.hostOf(Reflect.property(o, "uri"));
            return h != null ? h : next.hostOf(Reflect.property(o, "baseUrl"));
        };
    }

    @Override
    ClientInstrumentation definition() {
        // IOException: refused (Netty's AnnotatedConnectException), PrematureCloseException; the response timeout
        // is Netty's ReadTimeoutException, a ChannelException
        FailOn failOn = new FailOn(List.of("java.io.IOException", "io.netty.channel.ChannelException",
                "java.util.concurrent.TimeoutException"), List.of(),
                List.of(ResultExpression.parse("status.code >= 500")), List.of(), List.of());
        String version = "Reactor Netty 1.2";
        String outcome = "one subscription = one request, judged on the status before the body is read; when open,"
                + " the error signal `ConnectException`, as for a refused connection";
        String test = "`ReactorNettyIT` (Java 11, 17, 25)";
        return new ClientInstrumentation(PRESET, "Reactor Netty `HttpClient` (`reactor-netty-http`)",
                ClientInstrumentation.HOST, failOn, HttpClients.CONNECT_EXCEPTION, false, List.of(
                CallStyle.woven("Reactor Netty `HttpClient`", "`responseSingle((response, body) -> ...)`", version,
                        List.of(CONNECT), outcome, test),
                CallStyle.woven("Reactor Netty `HttpClient`", "`response()`, `responseContent()`, `response(fn)`,"
                        + " `responseConnection(fn)`", version, List.of(CONNECT), outcome, test)),
                "Every request of Reactor Netty's `HttpClient` (`get()`, `post()`, `request(method)`, with `uri(...)`"
                        + " and `send(...)`) reads its response through one `Mono` of the connection and its response"
                        + " headers (`HttpClientConnect#connect()`): each subscription of it is a call, judged on the"
                        + " status (`status.code >= 500`); I/O errors (refused, closed early) and Netty's response"
                        + " timeout fail; a subscription cancelled after a second or `slowCall` in flight fails. The key"
                        + " is the host of the request's `uri` (or of `baseUrl` and a relative `uri`). Inside"
                        + " `spring-webclient` and `spring-restclient` calls (WebClient and RestClient on Reactor Netty)"
                        + " it counts nothing: a request is one call. When open, the subscription gets"
                        + " `ConnectException`, the error a refused connection gives.",
                null, Retries.none("Reactor Netty requests are retried with Reactor's `retryWhen` in the application,"
                        + " or by `spring-webclient`'s rule"), List.of(), null, null);
    }
}
