package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.ResultExpression;

/**
 * Spring's blocking HTTP clients, {@code RestClient} and {@code RestTemplate} ({@code spring-web}).
 * Whatever {@code ClientHttpRequestFactory} is in use (the JDK's {@code HttpClient}, Reactor
 * Netty, HttpClient 5, Jetty, {@code HttpURLConnection}, with interceptors or buffering), every
 * request is one {@code ClientHttpRequest#execute()}, which returns the response before Spring's
 * error handler turns a 5xx into an exception. Guarding it is one place for every factory;
 * the factory's own client, if a preset guards it too, counts nothing inside it (it is
 * covered: one request, one call).
 */
final class SpringRestClientInstrumentation extends ClientLibrary {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "spring-restclient";

    private static final MatchSpec EXECUTE = new MatchSpec("org.springframework.http.client.ClientHttpRequest", true,
            List.of("execute"), List.of());

    SpringRestClientInstrumentation() {
        super(PRESET);
    }

    @Override
    ClientInstrumentation definition() {
        // IOException: refused, reset, Spring's HttpTimeoutException/SocketTimeoutException; Reactor Netty's
        // response timeout is Netty's ReadTimeoutException, a ChannelException, not an IOException
        FailOn failOn = new FailOn(List.of("java.io.IOException", "io.netty.channel.ChannelException",
                "java.util.concurrent.TimeoutException"), List.of(),
                List.of(ResultExpression.parse("statusCode.value >= 500")), List.of(), List.of());
        String outcome = "one request = one call, judged on the status before Spring's error handler; when open,"
                + " `ResourceAccessException` caused by `ConnectException`";
        String version = "spring-web 6.2";
        return new ClientInstrumentation(PRESET, "Spring `RestClient` and `RestTemplate` (`spring-web`)",
                ClientInstrumentation.HOST, failOn, HttpClients.CONNECT_EXCEPTION, false, List.of(
                CallStyle.woven("Spring `RestClient`/`RestTemplate`", "on `JdkClientHttpRequestFactory` (JDK `HttpClient`,"
                        + " a read timeout cancels the request)", version, List.of(EXECUTE), outcome,
                        "`SpringRestClientIT` (Java 17, 25)"),
                CallStyle.woven("Spring `RestClient`/`RestTemplate`", "on `ReactorClientHttpRequestFactory` (Reactor Netty,"
                        + " Boot's choice when webflux is present)", version + ", Reactor Netty 1.2", List.of(EXECUTE),
                        outcome, "`SpringRestClientIT` (Java 17, 25)"),
                CallStyle.woven("Spring `RestClient`/`RestTemplate`", "on `HttpComponentsClientHttpRequestFactory`"
                        + " (HttpClient 5)", version + ", HttpClient 5.4", List.of(EXECUTE), outcome,
                        "`SpringRestClientIT` (Java 17, 25)"),
                CallStyle.woven("Spring `RestClient`/`RestTemplate`", "on `JettyClientHttpRequestFactory`"
                        + " (Jetty's `HttpClient`)", version + ", Jetty 12.0", List.of(EXECUTE), outcome,
                        "`SpringRestClientIT` (Java 17, 25)"),
                CallStyle.woven("Spring `RestClient`/`RestTemplate`", "on `SimpleClientHttpRequestFactory`"
                        + " (`HttpURLConnection`, the default without other clients)", version, List.of(EXECUTE), outcome,
                        "`SpringRestClientIT` (Java 17, 25)")),
                "Every request of `RestClient` and `RestTemplate` is one `ClientHttpRequest#execute()`, whichever"
                        + " request factory Spring Boot picked (`JdkClientHttpRequestFactory`,"
                        + " `ReactorClientHttpRequestFactory`, `HttpComponentsClientHttpRequestFactory`,"
                        + " `JettyClientHttpRequestFactory`, `SimpleClientHttpRequestFactory`, wrapped by interceptors or"
                        + " buffering). The response is judged on its status (`statusCode.value >= 500`) before Spring's"
                        + " error handler turns it into an exception; I/O errors and timeouts (the factory's read timeout"
                        + " is an `IOException`) fail. The presets of the clients underneath (`jdk-http-client`,"
                        + " `http-url-connection`, `apache-httpclient5`) count nothing inside it, so a request is one"
                        + " call even when they are on too. When open, `execute()` throws `ConnectException`, which"
                        + " Spring hands to the caller as `ResourceAccessException`, as it does for a refused connection.",
                null, Retries.none("a `ClientHttpRequest` executes once; retry on the client's own preset or in the"
                        + " application"),
                List.of(JdkHttpClientInstrumentation.PRESET, HttpUrlConnectionInstrumentation.PRESET,
                        ApacheHttpClient5Instrumentation.PRESET, ApacheHttpClient4Instrumentation.PRESET,
                        OkHttpInstrumentation.PRESET,
                        ReactorNettyInstrumentation.PRESET), null, null);
    }
}
