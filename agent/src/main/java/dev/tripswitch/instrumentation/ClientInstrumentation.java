package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.KeyExpression;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.Preset;
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
 * @param covers           the presets whose calls run inside this one's calls on the same thread
 *                         (Spring's {@code ClientHttpRequest#execute} drives the JDK client, HttpClient
 *                         5 or {@code HttpURLConnection}): while a call of this preset's rule runs, theirs
 *                         count nothing, so one request is one call (docs/presets.md, "One request, one call")
 * @param rejection        how a rejection is shaped into the failure the library's callers handle, or null
 *                         to deliver the rule's {@code whenOpen} exception as it is
 * @param passThrough      which of its matched objects only pass through to calls (a connection pool's
 *                         checkout), or null when every matched method is a call
 * @param failuresOnly     which of its matched objects' calls count only when they fail, or null when
 *                         every success counts
 */
public final class ClientInstrumentation implements Preset {
    private final String preset;
    private final String library;
    private final KeyExpression key;
    private final FailOn failOn;
    private final WhenOpen whenOpen;
    private final boolean oneCallPerObject;
    private final List<CallStyle> styles;
    private final String notes;
    private final AsyncCalls async;
    private final Retries retries;
    private final List<String> covers;
    private final RejectionShape rejection;
    private final PassThrough passThrough;
    private final FailuresOnly failuresOnly;

    public String preset() {
        return preset;
    }

    public String library() {
        return library;
    }

    @Override
    public KeyExpression key() {
        return key;
    }

    @Override
    public FailOn failOn() {
        return failOn;
    }

    @Override
    public WhenOpen whenOpen() {
        return whenOpen;
    }

    public boolean oneCallPerObject() {
        return oneCallPerObject;
    }

    public List<CallStyle> styles() {
        return styles;
    }

    public String notes() {
        return notes;
    }

    public AsyncCalls async() {
        return async;
    }

    public Retries retries() {
        return retries;
    }

    public List<String> covers() {
        return covers;
    }

    public RejectionShape rejection() {
        return rejection;
    }

    public PassThrough passThrough() {
        return passThrough;
    }

    public FailuresOnly failuresOnly() {
        return failuresOnly;
    }

    /** The key of every preset: the host (and port) the call goes to, or the database's. */
    static final KeyExpression HOST = KeyExpression.parse("host");

    public ClientInstrumentation(String preset, String library, KeyExpression key, FailOn failOn, WhenOpen whenOpen, boolean oneCallPerObject, List<CallStyle> styles, String notes, AsyncCalls async, Retries retries, List<String> covers, RejectionShape rejection, PassThrough passThrough) {
        this(preset, library, key, failOn, whenOpen, oneCallPerObject, styles, notes, async, retries, covers, rejection,
                passThrough, null);
    }

    public ClientInstrumentation(String preset, String library, KeyExpression key, FailOn failOn, WhenOpen whenOpen, boolean oneCallPerObject, List<CallStyle> styles, String notes, AsyncCalls async, Retries retries, List<String> covers, RejectionShape rejection, PassThrough passThrough, FailuresOnly failuresOnly) {
        styles = List.copyOf(styles);
        covers = List.copyOf(covers);
        this.preset = preset;
        this.library = library;
        this.key = key;
        this.failOn = failOn;
        this.whenOpen = whenOpen;
        this.oneCallPerObject = oneCallPerObject;
        this.styles = styles;
        this.notes = notes;
        this.async = async;
        this.retries = retries;
        this.covers = covers;
        this.rejection = rejection;
        this.passThrough = passThrough;
        this.failuresOnly = failuresOnly;
    }

    /** A library that neither contains another preset's calls nor reshapes its rejections. */
    public ClientInstrumentation(String preset, String library, KeyExpression key, FailOn failOn, WhenOpen whenOpen,
                                 boolean oneCallPerObject, List<CallStyle> styles, String notes, AsyncCalls async,
                                 Retries retries) {
        this(preset, library, key, failOn, whenOpen, oneCallPerObject, styles, notes, async, retries, List.of(), null,
                null);
    }

    /**
     * Which matched calls only pass through to the calls that count: a connection pool's checkout
     * waits for a connection its own threads make (HikariCP) or makes it on the caller's thread
     * (DBCP2), and a query through it is the query's call. Such a call is rejected while its
     * breaker would reject, and otherwise runs uncounted, holding no HALF_OPEN trial.
     */
    public interface PassThrough {
        boolean passesThrough(Object self);

        /**
         * Whether the pool connects on threads of its own (HikariCP's adder): then its checkout is
         * rejected while the breaker tries again, since only the pool's own connect can bring the
         * connection it would wait for; a pool that connects on the caller's thread lets the
         * checkout through to its trial connect.
         */
        default boolean connectsInBackground(Object self) {
            return false;
        }

        /**
         * Whether a matched call on {@code self} is the pool checking a connection it holds
         * ({@code Connection.isValid}): it runs unguarded and the statement it sends counts
         * nothing, since a stale connection failing its check says nothing of the database now.
         */
        default boolean checksHealth(Object self) {
            return false;
        }
    }

    /**
     * Which matched calls count only when they fail: their success says nothing of the
     * dependency. A TCP connect to a Redis that has stalled succeeds (the kernel accepts it);
     * only the commands that follow show whether the server answers. Such a call is rejected
     * while its breaker would reject, and its failure counts like any other.
     */
    @FunctionalInterface
    public interface FailuresOnly {
        boolean countsFailuresOnly(Object self);
    }

    /**
     * Turns a rejection into the failure the library itself reports for a request that never
     * left (WebClient's {@code WebClientRequestException} around the {@code ConnectException}).
     */
    @FunctionalInterface
    public interface RejectionShape {
        /**
         * @param rejection the rule's {@code whenOpen} exception
         * @param self      the object the woven method ran on
         * @param args      its arguments
         * @return what the caller gets; {@code rejection} itself when it cannot be shaped
         */
        Throwable shape(Throwable rejection, Object self, Object[] args);
    }

    /** What is woven: the match of every style the agent follows. */
    @Override
    public List<MatchSpec> matches() {
        java.util.Set<MatchSpec> out = new java.util.LinkedHashSet<>();
        for (CallStyle s : styles) {
            out.addAll(s.matches());
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ClientInstrumentation)) {
            return false;
        }
        ClientInstrumentation other = (ClientInstrumentation) o;
        return java.util.Objects.equals(preset, other.preset)
            && java.util.Objects.equals(library, other.library)
            && java.util.Objects.equals(key, other.key)
            && java.util.Objects.equals(failOn, other.failOn)
            && java.util.Objects.equals(whenOpen, other.whenOpen)
            && oneCallPerObject == other.oneCallPerObject
            && java.util.Objects.equals(styles, other.styles)
            && java.util.Objects.equals(notes, other.notes)
            && java.util.Objects.equals(async, other.async)
            && java.util.Objects.equals(retries, other.retries)
            && java.util.Objects.equals(covers, other.covers)
            && java.util.Objects.equals(rejection, other.rejection)
            && java.util.Objects.equals(passThrough, other.passThrough)
            && java.util.Objects.equals(failuresOnly, other.failuresOnly);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(preset, library, key, failOn, whenOpen, oneCallPerObject, styles, notes, async, retries, covers, rejection, passThrough, failuresOnly);
    }

    @Override
    public String toString() {
        return "ClientInstrumentation[preset=" + preset + ", library=" + library + ", key=" + key + ", failOn=" + failOn + ", whenOpen=" + whenOpen + ", oneCallPerObject=" + oneCallPerObject + ", styles=" + styles + ", notes=" + notes + ", async=" + async + ", retries=" + retries + ", covers=" + covers + ", rejection=" + rejection + ", passThrough=" + passThrough + ", failuresOnly=" + failuresOnly + "]";
    }
}
