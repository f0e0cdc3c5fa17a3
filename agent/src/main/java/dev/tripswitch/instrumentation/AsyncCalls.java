package dev.tripswitch.instrumentation;

/**
 * How a client library's asynchronous call style completes: the method that starts a call
 * (matched with role {@code START}), the methods its outcome arrives through (role
 * {@code COMPLETE}), and the object that ties the two together. One per library, written
 * against the library's public API through reflection, since the agent bundles no client
 * library: OkHttp's {@code enqueue} is tied to its callback by the {@code Call}; HttpClient
 * 5's async {@code execute} to its {@code FutureCallback} by the future it returns.
 */
public interface AsyncCalls {

    /** The object the call's completion will name, known when the call starts; null when only its return value tells. */
    Object keyAtStart(Object self, Object[] args);

    /** The object the call's completion will name, from what the starting method returned; null when none (the default: it was known at start). */
    default Object keyOnReturn(Object self, Object returned) {
        return null;
    }

    /** The outcome of a call that had already ended when its starting method returned, else null (the default: its completion methods see it). */
    default Completion completedOnReturn(Object returned) {
        return null;
    }

    /** What a completion method ({@code method} run on {@code self} with {@code args}) says, or null when it says nothing. */
    Completion completion(Object self, String method, Object[] args);

    /**
     * Delivers a rejection the way the library delivers failures (the callback's failure, a
     * failed future) and returns what the starting method returns.
     */
    Object reject(Object self, Object[] args, Throwable rejection) throws Exception;

    /**
     * Whether {@link #reject} makes the library's own failure from the rejection's message
     * (gRPC's {@code Status}), so it is given the agent's {@code CircuitOpenException} rather
     * than an instance of the rule's {@code whenOpen.throw} type.
     */
    default boolean ownRejection() {
        return false;
    }

    /**
     * One call's outcome.
     *
     * @param key       the object that ties it to its start
     * @param response  what to judge with the preset's {@code failOn.result} (a response), or null
     * @param failure   the failure the library reported, or null
     * @param cancelled the application cancelled the call: neither success nor failure
     * @param movedTo   not an outcome: from here on the call is named by this object (gRPC's call
     *                  hands over to its listener when it starts), or null
     */
    static final class Completion {
        private final Object key;
        private final Object response;
        private final Throwable failure;
        private final boolean cancelled;
        private final Object movedTo;

        Completion(Object key, Object response, Throwable failure, boolean cancelled, Object movedTo) {
            this.key = key;
            this.response = response;
            this.failure = failure;
            this.cancelled = cancelled;
            this.movedTo = movedTo;
        }

        public Object key() {
            return key;
        }

        public Object response() {
            return response;
        }

        public Throwable failure() {
            return failure;
        }

        public boolean cancelled() {
            return cancelled;
        }

        public Object movedTo() {
            return movedTo;
        }

        public Completion(Object key, Object response, Throwable failure, boolean cancelled) {
            this(key, response, failure, cancelled, null);
        }

        /** The call named {@code key} is named {@code next} from now on. */
        public static Completion moved(Object key, Object next) {
            return new Completion(key, null, null, false, next);
        }
    }
}
