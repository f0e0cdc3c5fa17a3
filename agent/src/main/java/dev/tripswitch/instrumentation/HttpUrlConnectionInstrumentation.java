package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.MatchSpec;

/** {@code java.net.HttpURLConnection} (the JDK's, in java.base), and what is built on it. */
final class HttpUrlConnectionInstrumentation extends ClientLibrary {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "http-url-connection";

    private static final MatchSpec READS = new MatchSpec("java.net.HttpURLConnection", true,
            List.of("getInputStream", "getResponseCode", "connect"), null);

    HttpUrlConnectionInstrumentation() {
        super(PRESET);
    }

    @Override
    ClientInstrumentation definition() {
        return new ClientInstrumentation(PRESET, "JDK `java.net.HttpURLConnection`", ClientInstrumentation.HOST,
                HttpClients.failOn("it >= 500"), HttpClients.CONNECT_EXCEPTION, true, List.of(
                CallStyle.woven("`HttpURLConnection`", "`getResponseCode`, headers, `getInputStream`, `getErrorStream`,"
                        + " explicit `connect()`", "Java 11, 17, 25", List.of(READS), "one request = one call, however much of it is read",
                        "`HttpUrlConnectionIT`, `JdkHttpClientsIT`"),
                CallStyle.through("Spring `RestTemplate` (default request factory)", "`getForObject` and friends",
                        "spring-web 6.2", "one request = one call; the rejection arrives as `ResourceAccessException`"
                                + " caused by `ConnectException`", "`HttpUrlConnectionIT` (Java 17, 25)")),
                "`getHeaderField`, `getContentType` and the like read the response through the woven"
                        + " `getInputStream`, so a request would be counted once per read. The preset judges one call per"
                        + " connection object: the first call that has an outcome (a response code, a stream, an"
                        + " exception); later reads on the same connection count nothing. An explicit `connect()` that"
                        + " succeeds is not a response: it gives its permit back uncounted, and the read that follows is"
                        + " judged. A `connect()` that fails (connection refused) is the failure.", null,
                Retries.none("an HttpURLConnection holds one exchange; open a new connection to try again"));
    }
}
