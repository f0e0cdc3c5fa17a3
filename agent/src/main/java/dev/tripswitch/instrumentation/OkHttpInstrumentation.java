package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.MatchSpec;

/** OkHttp 4 ({@code okhttp3}), and Retrofit on top of it. */
final class OkHttpInstrumentation extends ClientLibrary {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "okhttp";

    private static final MatchSpec EXECUTE = new MatchSpec("okhttp3.Call", true, List.of("execute"), null);
    private static final MatchSpec ENQUEUE = new MatchSpec("okhttp3.Call", true, List.of("enqueue"), null,
            MatchSpec.Role.START);
    private static final MatchSpec CALLBACK = new MatchSpec("okhttp3.Callback", true,
            List.of("onResponse", "onFailure"), null, MatchSpec.Role.COMPLETE);

    OkHttpInstrumentation() {
        super(PRESET);
    }

    @Override
    ClientInstrumentation definition() {
        return new ClientInstrumentation(PRESET, "OkHttp (`okhttp3`)", ClientInstrumentation.HOST,
                HttpClients.failOn("code >= 500"), HttpClients.CONNECT_EXCEPTION, false, List.of(
                CallStyle.woven("OkHttp", "`call.execute()`", "4.12", List.of(EXECUTE), "judged on the response, per host",
                        "`PresetsIT` (Java 11, 17, 25)"),
                CallStyle.woven("OkHttp", "`call.enqueue(callback)`", "4.12", List.of(ENQUEUE, CALLBACK),
                        "recorded when the callback runs: `onResponse` judged on the response, `onFailure` fails"
                        + " (a cancelled call: a failure when it was in flight a second or `slowCall`, else neither way); when open, `onFailure(call, ConnectException)` runs on"
                        + " the client's dispatcher thread", "`AsyncClientsIT` (Java 11, 17, 25)"),
                CallStyle.through("Retrofit 2 on OkHttp", "`call.execute()` and `call.enqueue(callback)`", "2.11",
                        "through the `okhttp` preset: a 5xx is a failure, a rejection reaches Retrofit's `onFailure`"
                        + " or `execute()` as `ConnectException`", "`AsyncClientsIT` (Java 11, 17, 25)")),
                "`Call.execute()` is judged on the response; the rejection `ConnectException` is what"
                        + " `okhttp3.Call.execute() throws IOException` declares. `enqueue` takes the permit and the"
                        + " callback's `onResponse`/`onFailure` settles it, once, after the callback ran: an exception"
                        + " the application's callback throws stays the application's.", new OkHttpEnqueue(),
                Retries.none("an OkHttp Call runs once; use OkHttp's retryOnConnectionFailure or an interceptor"));
    }
}
