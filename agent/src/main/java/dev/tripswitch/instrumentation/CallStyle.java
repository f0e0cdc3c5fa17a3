package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.MatchSpec;

/**
 * One way an application calls a client library ({@code call.execute()}, {@code enqueue}
 * with a callback, a response handler), what the agent weaves for it, and the test that
 * proves it against the real library. A style the agent does not follow yet has no match
 * and says so: the support matrix in {@code docs/presets.md} is rendered from these.
 *
 * @param client  the library as users name it ({@code OkHttp})
 * @param style   the call style ({@code call.enqueue(callback)})
 * @param version the versions tested
 * @param matches what is woven for it; empty when it is not followed yet or comes through another preset
 * @param outcome how a call of this style is judged and rejected, in a sentence
 * @param test    the integration test(s) that prove it, or empty
 */
public record CallStyle(String client, String style, String version, List<MatchSpec> matches, String outcome,
                        String test) {
    public CallStyle {
        matches = List.copyOf(matches);
    }

    /** A style the agent follows. */
    static CallStyle woven(String client, String style, String version, List<MatchSpec> matches, String outcome,
                           String test) {
        return new CallStyle(client, style, version, matches, outcome, test);
    }

    /** A style that reaches this library through another preset's weaving (RestTemplate over HttpURLConnection). */
    static CallStyle through(String client, String style, String version, String outcome, String test) {
        return new CallStyle(client, style, version, List.of(), outcome, test);
    }

    /** A style not followed yet: documented as such, so nobody believes it is protected. */
    static CallStyle notYet(String client, String style, String why) {
        return new CallStyle(client, style, "", List.of(), "**not woven yet**: " + why, "");
    }
}
