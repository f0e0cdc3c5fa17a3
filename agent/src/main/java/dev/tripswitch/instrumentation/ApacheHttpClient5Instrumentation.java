package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.MatchSpec;

/** Apache HttpClient 5 ({@code org.apache.hc.client5}). */
final class ApacheHttpClient5Instrumentation extends ClientLibrary implements HostProbe {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "apache-httpclient5";

    /** Every classic execute overload funnels into doExecute, which returns the response before any handler. */
    private static final MatchSpec DO_EXECUTE = new MatchSpec("org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
            true, List.of("doExecute"), null);
    /** Every async execute overload funnels into doExecute, which returns the request's future. */
    private static final MatchSpec ASYNC_EXECUTE = new MatchSpec(
            "org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient", true, List.of("doExecute"), null,
            MatchSpec.Role.START);
    private static final MatchSpec FUTURE_COMPLETES = new MatchSpec(ApacheAsyncExecute.FUTURE, true,
            List.of("completed", "failed", "cancel"), null, MatchSpec.Role.COMPLETE);

    ApacheHttpClient5Instrumentation() {
        super(PRESET);
    }

    /**
     * Async requests come wrapped in a request producer that exposes no getter: the
     * {@code request} field its {@code BasicRequestProducer} keeps.
     */
    @Override
    public HostProbe.Reader readerFor(Class<?> type) {
        if (!Reflect.implementsNamed(type, "org.apache.hc.core5.http.nio.AsyncRequestProducer")) {
            return null;
        }
        java.lang.reflect.Field request = Reflect.readableField(type, "request", null);
        return request == null ? null : (o, next) -> next.hostOf(request.get(o));
    }

    @Override
    ClientInstrumentation definition() {
        return new ClientInstrumentation(PRESET, "Apache HttpClient 5", ClientInstrumentation.HOST,
                HttpClients.failOn("code >= 500"), HttpClients.CONNECT_EXCEPTION, false, List.of(
                CallStyle.woven("Apache HttpClient 5 classic", "`execute(request)`", "5.4", List.of(DO_EXECUTE),
                        "judged on the response, per host", "`PresetsIT` (Java 11, 17, 25)"),
                CallStyle.woven("Apache HttpClient 5 classic", "`execute(request, handler)`: a handler that returns the"
                        + " code, or `BasicHttpClientResponseHandler` that throws on errors", "5.4", List.of(DO_EXECUTE),
                        "judged on the response before the handler sees it", "`PresetsIT` (Java 11, 17, 25)"),
                CallStyle.woven("Spring `RestTemplate` on HttpClient 5", "`HttpComponentsClientHttpRequestFactory`"
                        + " (`executeOpen`)", "spring-web 6.2, 5.4", List.of(DO_EXECUTE), "one request = one call; the"
                        + " rejection arrives as `ResourceAccessException` caused by `ConnectException`", "`PresetsIT` (Java 17, 25)"),
                CallStyle.woven("Apache HttpClient 5 async", "`execute(SimpleHttpRequest, FutureCallback)`,"
                        + " `execute(producer, consumer, FutureCallback)`, a null callback and `future.get()`", "5.4",
                        List.of(ASYNC_EXECUTE, FUTURE_COMPLETES), "recorded when the request's future completes;"
                        + " when open, the returned future is failed and the callback's `failed` gets the"
                        + " `ConnectException`, without blocking", "`AsyncClientsIT` (Java 11, 17, 25)")),
                "Every `execute` overload of the classic client funnels into"
                        + " `CloseableHttpClient#doExecute(HttpHost, ClassicHttpRequest, HttpContext)`, which returns the"
                        + " response before a response handler turns it into a value or an exception. So `code >= 500` is"
                        + " judged on the real response whatever the handler does, a request counts once, and the"
                        + " handler's own exceptions are the application's, not the server's. The async client's"
                        + " `execute` overloads funnel into `CloseableHttpAsyncClient#doExecute`; the call is recorded"
                        + " when its future completes, fails or is cancelled (a cancel is judged by its time in flight:"
                        + " after a second or `slowCall` it is the caller's timeout, a failure; sooner, neither way). HttpClient 5 retries a 503 once by itself (its default retry"
                        + " strategy): the breaker sees the request's final response.",
                new ApacheAsyncExecute(),
                Retries.httpRequests(" of the classic client; the async client's (with a callback) are not retried"));
    }
}
