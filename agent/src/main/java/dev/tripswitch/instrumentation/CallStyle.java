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
public final class CallStyle {
    private final String client;
    private final String style;
    private final String version;
    private final List<MatchSpec> matches;
    private final String outcome;
    private final String test;

    public String client() {
        return client;
    }

    public String style() {
        return style;
    }

    public String version() {
        return version;
    }

    public List<MatchSpec> matches() {
        return matches;
    }

    public String outcome() {
        return outcome;
    }

    public String test() {
        return test;
    }

    public CallStyle(String client, String style, String version, List<MatchSpec> matches, String outcome, String test) {
        matches = List.copyOf(matches);
        this.client = client;
        this.style = style;
        this.version = version;
        this.matches = matches;
        this.outcome = outcome;
        this.test = test;
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

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof CallStyle)) {
            return false;
        }
        CallStyle other = (CallStyle) o;
        return java.util.Objects.equals(client, other.client)
            && java.util.Objects.equals(style, other.style)
            && java.util.Objects.equals(version, other.version)
            && java.util.Objects.equals(matches, other.matches)
            && java.util.Objects.equals(outcome, other.outcome)
            && java.util.Objects.equals(test, other.test);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(client, style, version, matches, outcome, test);
    }

    @Override
    public String toString() {
        return "CallStyle[client=" + client + ", style=" + style + ", version=" + version + ", matches=" + matches + ", outcome=" + outcome + ", test=" + test + "]";
    }
}
