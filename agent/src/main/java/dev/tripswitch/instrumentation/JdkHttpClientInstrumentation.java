package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.MatchSpec;

/** {@code java.net.http.HttpClient} (the JDK's, in the platform class loader). */
final class JdkHttpClientInstrumentation extends ClientLibrary {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "jdk-http-client";

    private static final MatchSpec SEND = new MatchSpec("java.net.http.HttpClient", true, List.of("send", "sendAsync"), null);

    JdkHttpClientInstrumentation() {
        super(PRESET);
    }

    @Override
    ClientInstrumentation definition() {
        return new ClientInstrumentation(PRESET, "JDK `java.net.http.HttpClient`", ClientInstrumentation.HOST,
                HttpClients.failOn("statusCode >= 500"), HttpClients.CONNECT_EXCEPTION, false, List.of(
                CallStyle.woven("JDK `HttpClient`", "`send`", "Java 11, 17, 25", List.of(SEND),
                        "judged on the response, per host", "`JdkHttpClientsIT` (Java 11, 17, 25)"),
                CallStyle.woven("JDK `HttpClient`", "`sendAsync` (CompletableFuture)", "Java 11, 17, 25", List.of(SEND),
                        "judged when the future completes; when open, a failed future", "`JdkHttpClientsIT` (Java 11, 17, 25)")),
                "`send` and `sendAsync` call each other inside the client; a user call counts once (nested calls"
                        + " of one rule count once). `sendAsync` is recorded when its future completes.", null,
                Retries.httpRequests());
    }
}
