package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.MatchSpec;

/**
 * Apache HttpClient 4.5 ({@code org.apache.http}, the client of most older services and of
 * Spring 5's {@code HttpComponentsClientHttpRequestFactory}) and HttpAsyncClient 4.1.
 */
final class ApacheHttpClient4Instrumentation extends ClientLibrary {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "apache-httpclient4";

    /** Every classic execute overload, response handlers included, funnels into doExecute, which returns the response. */
    private static final MatchSpec DO_EXECUTE = new MatchSpec("org.apache.http.impl.client.CloseableHttpClient", true,
            List.of("doExecute"), null);
    /** Every async execute overload funnels into the one with a producer, a consumer, a context and a callback. */
    private static final MatchSpec ASYNC_EXECUTE = new MatchSpec(
            "org.apache.http.impl.nio.client.CloseableHttpAsyncClient", true, List.of("execute"),
            List.of("org.apache.http.nio.protocol.HttpAsyncRequestProducer",
                    "org.apache.http.nio.protocol.HttpAsyncResponseConsumer", "org.apache.http.protocol.HttpContext",
                    "org.apache.http.concurrent.FutureCallback"), MatchSpec.Role.START);
    private static final MatchSpec FUTURE_COMPLETES = new MatchSpec(ApacheAsyncExecute.FUTURE_4, true,
            List.of("completed", "failed", "cancel"), null, MatchSpec.Role.COMPLETE);

    ApacheHttpClient4Instrumentation() {
        super(PRESET);
    }

    @Override
    ClientInstrumentation definition() {
        String test = "`ApacheHttpClient4IT` (Java 11, 17, 25)";
        return new ClientInstrumentation(PRESET, "Apache HttpClient 4.5 and HttpAsyncClient 4.1",
                ClientInstrumentation.HOST, HttpClients.failOn("statusLine.statusCode >= 500"),
                HttpClients.CONNECT_EXCEPTION, false, List.of(
                CallStyle.woven("Apache HttpClient 4 classic", "`execute(request)`, `execute(host, request)`",
                        "4.5.14", List.of(DO_EXECUTE), "judged on the response, per host", test),
                CallStyle.woven("Apache HttpClient 4 classic", "`execute(request, responseHandler)`"
                        + " (`BasicResponseHandler` throws on errors)", "4.5.14", List.of(DO_EXECUTE),
                        "judged on the response before the handler sees it", test),
                CallStyle.woven("Apache HttpAsyncClient 4", "`execute(request, FutureCallback)`, a null callback and"
                        + " `future.get()`", "4.1.5", List.of(ASYNC_EXECUTE, FUTURE_COMPLETES),
                        "recorded when the request's future completes; when open, the returned future is failed and"
                        + " the callback's `failed` gets the `ConnectException`, without blocking", test)),
                "Every `execute` overload of the classic client, with or without a `ResponseHandler`, funnels into"
                        + " `CloseableHttpClient#doExecute(HttpHost, HttpRequest, HttpContext)`, which returns the"
                        + " response before a handler turns it into a value or an exception: `statusLine.statusCode >="
                        + " 500` is judged on the real response, a request counts once. The async client's overloads"
                        + " funnel into `execute(producer, consumer, context, callback)`; the call is recorded when its"
                        + " `BasicFuture` completes, fails or is cancelled (a cancel after a second or `slowCall` in"
                        + " flight fails). Keyed by the target host (`HttpHost`, or the request's URI).",
                new ApacheAsyncExecute(ApacheAsyncExecute.FUTURE_4, "org.apache.http.concurrent.FutureCallback"),
                Retries.httpRequests(" of the classic client; the async client's (with a callback) are not retried"));
    }
}
