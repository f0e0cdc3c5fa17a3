package dev.tripswitch.bridge;

/**
 * What a woven method is to its rule (docs/architecture.md, "The call kinds"): the one name
 * for it in the weaver, the Dispatcher and the bindings. Woven code passes its
 * {@link #ordinal()} as an int constant; {@link #of} turns it back.
 */
public enum CallKind {
    /** The call runs in the method: permit before, outcome at its return or throw. */
    SYNC,
    /** The method returns a {@code CompletableFuture}/{@code CompletionStage}: the call ends when it completes. */
    FUTURE,
    /** The method starts a call that ends elsewhere (OkHttp's {@code enqueue}, an async client's {@code execute}). */
    START,
    /** The method returns a Reactor {@code Mono}/{@code Flux}: each subscription is a call. */
    REACTIVE,
    /**
     * Outcomes of started calls arrive through the method (a callback's {@code onResponse}, a
     * future's {@code completed}): the binding settles them when it is entered, and again when
     * it has run or thrown; taking a parked call is atomic, so it is settled once.
     */
    COMPLETE;

    private static final CallKind[] ALL = values();

    /** The kind whose {@link #ordinal()} woven code passed. */
    public static CallKind of(int ordinal) {
        return ALL[ordinal];
    }
}
