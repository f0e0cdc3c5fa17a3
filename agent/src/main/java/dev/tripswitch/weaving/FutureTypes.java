package dev.tripswitch.weaving;

import java.util.List;

/**
 * Whether a method's return type is a {@code CompletionStage}, answered the way
 * {@link Hierarchy} answers subtype rules (the type's header and its supertypes', read
 * through the loader's resources and remembered).
 */
final class FutureTypes {
    private final Hierarchy stages = new Hierarchy(List.of(new TypePattern("java.util.concurrent.CompletionStage")));
    /** The promises the agent does not follow, by their type hierarchy ({@link DeferredTypes#NAMES}). */
    private final Hierarchy deferred = new Hierarchy(DeferredTypes.patterns());

    boolean of(ClassLoader loader, String name) {
        return stages.ofName(loader, name) != 0;
    }

    /**
     * Whether a type not followed as a future is still a promise of the call's outcome: any
     * subtype of {@code Future} ({@code ScheduledFuture}, {@code RunnableFuture}, Guava's
     * {@code FluentFuture}, Netty's {@code ChannelFuture}), of a Reactive Streams publisher, ...
     */
    boolean deferred(ClassLoader loader, String name) {
        return deferred.ofName(loader, name) != 0;
    }
}
