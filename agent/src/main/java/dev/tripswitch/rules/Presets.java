package dev.tripswitch.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presets of SPEC section 2: a well-known client library's calls, keyed by host,
 * failing on what that library reports as a failure, and rejecting with an exception
 * the application already handles.
 */
public final class Presets {
    /**
     * What a preset fills in; a breaker may override any part.
     *
     * @param oneCallPerObject the client's methods all read one exchange of one object (an
     *                         {@code HttpURLConnection}): its first call with an outcome is judged,
     *                         later calls on the same object count nothing
     */
    public record Preset(List<MatchSpec> matches, KeyExpression key, FailOn failOn, WhenOpen whenOpen,
                         boolean oneCallPerObject) {
    }

    private static final KeyExpression HOST = KeyExpression.parse("host");
    private static final Map<String, Preset> ALL = new LinkedHashMap<>();

    static {
        ALL.put("jdk-http-client", http(new MatchSpec("java.net.http.HttpClient", true, List.of("send", "sendAsync"),
                null), "statusCode >= 500", false));
        ALL.put("http-url-connection", http(new MatchSpec("java.net.HttpURLConnection", true,
                List.of("getInputStream", "getResponseCode", "connect"), null), "it >= 500", true));
        ALL.put("okhttp", http(new MatchSpec("okhttp3.Call", true, List.of("execute"), null), "code >= 500", false));
        // every execute overload (with a response handler too) funnels into doExecute, which returns the
        // response before any handler turns it into a value or an exception
        ALL.put("apache-httpclient5", http(new MatchSpec("org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
                true, List.of("doExecute"), null), "code >= 500", false));
        ALL.put("jdbc", new Preset(List.of(
                new MatchSpec("java.sql.Statement", true, List.of("execute*"), null),
                new MatchSpec("java.sql.Driver", true, List.of("connect"), null),
                new MatchSpec("javax.sql.DataSource", true, List.of("getConnection"), null)),
                HOST,
                new FailOn(List.of("java.sql.SQLException"), List.of(), List.of(), List.of("23", "42"),
                        List.of(ResultExpression.parse("it == null"))),
                new WhenOpen.Throw("java.sql.SQLTransientConnectionException"), false));
    }

    private Presets() {
    }

    private static Preset http(MatchSpec match, String failingStatus, boolean oneCallPerObject) {
        return new Preset(List.of(match), HOST,
                new FailOn(List.of("java.io.IOException"), List.of(), List.of(ResultExpression.parse(failingStatus)),
                        List.of(), List.of()),
                new WhenOpen.Throw("java.net.ConnectException"), oneCallPerObject);
    }

    public static Preset get(String name) {
        return ALL.get(name);
    }

    public static Set<String> names() {
        return ALL.keySet();
    }
}
