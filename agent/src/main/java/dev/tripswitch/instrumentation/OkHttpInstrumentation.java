package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.MatchSpec;

/** OkHttp 4 ({@code okhttp3}), and Retrofit on top of it. */
final class OkHttpInstrumentation {
    private static final MatchSpec EXECUTE = new MatchSpec("okhttp3.Call", true, List.of("execute"), null);

    private OkHttpInstrumentation() {
    }

    static ClientInstrumentation definition() {
        return new ClientInstrumentation("okhttp", "OkHttp (`okhttp3`)", ClientInstrumentation.HOST,
                HttpClients.failOn("code >= 500"), HttpClients.CONNECT_EXCEPTION, false, List.of(
                CallStyle.woven("OkHttp", "`call.execute()`", "4.12", List.of(EXECUTE), "judged on the response, per host",
                        "`PresetsIT`"),
                CallStyle.notYet("OkHttp", "`call.enqueue(callback)` (and Retrofit's async calls)",
                        "calls made this way run without a breaker")),
                "`Call.execute()` is judged on the response; the rejection `ConnectException` is what"
                        + " `okhttp3.Call.execute() throws IOException` declares.");
    }
}
