package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.KeyExpression;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;

/**
 * Everything the agent knows of one client library, in one file per library: the preset
 * users name in {@code rules.yml}, its key, how it judges calls, what a rejected call gets,
 * and its call styles, each with what is woven and the test that proves it.
 *
 * @param preset           the {@code preset:} name
 * @param library          the library as users name it, with where it is found
 * @param key              the key expression (one breaker per host, database, ...)
 * @param failOn           what counts as a failure
 * @param whenOpen         what a rejected call gets: an exception its callers already handle
 * @param oneCallPerObject the library's methods all read one exchange of one object (an
 *                         {@code HttpURLConnection}): the first call with an outcome is judged,
 *                         later calls on the same object count nothing
 * @param styles           its call styles
 * @param notes            how it judges, in a few sentences for the docs
 * @param async            how its asynchronous style's calls complete, or null when it has none
 * @param retries          which of its calls a rule's {@code retry:} may repeat
 */
public record ClientInstrumentation(String preset, String library, KeyExpression key, FailOn failOn, WhenOpen whenOpen,
                                    boolean oneCallPerObject, List<CallStyle> styles, String notes, AsyncCalls async,
                                    Retries retries) {
    /** The key of every preset: the host (and port) the call goes to, or the database's. */
    static final KeyExpression HOST = KeyExpression.parse("host");

    public ClientInstrumentation {
        styles = List.copyOf(styles);
    }

    /** What is woven: the match of every style the agent follows. */
    public List<MatchSpec> matches() {
        java.util.Set<MatchSpec> out = new java.util.LinkedHashSet<>();
        for (CallStyle s : styles) {
            out.addAll(s.matches());
        }
        return List.copyOf(out);
    }
}
