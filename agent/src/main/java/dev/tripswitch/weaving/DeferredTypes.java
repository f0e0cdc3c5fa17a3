package dev.tripswitch.weaving;

import java.util.List;

import net.bytebuddy.jar.asm.Type;

/**
 * Return types whose value is not the call's outcome but a promise of it, which the agent
 * does not follow (a {@code CompletionStage} it does, see {@link FutureTypes}, and a Reactor
 * {@code Mono} or {@code Flux} per subscription). A method
 * returning one returns before its call ends: judged then, every call would count as a
 * success and the breaker could never trip. Such methods are left unwoven and reported
 * ("cannot judge"), so nobody believes them protected.
 */
final class DeferredTypes {
    private static final List<String> NAMES = List.of(
            "java.util.concurrent.Future", "java.util.concurrent.FutureTask", "java.util.concurrent.ForkJoinTask",
            "java.util.concurrent.Flow$Publisher", "org.reactivestreams.Publisher",
            "com.google.common.util.concurrent.ListenableFuture",
            "org.springframework.util.concurrent.ListenableFuture", "kotlinx.coroutines.Deferred");
    private static final List<String> PACKAGES = List.of(
            "reactor.core.publisher.", "io.reactivex.", "io.reactivex.rxjava3.core.", "io.smallrye.mutiny.",
            "rx.");

    private DeferredTypes() {
    }

    /** The names as patterns, for telling their subtypes by hierarchy. */
    static List<TypePattern> patterns() {
        List<TypePattern> out = new java.util.ArrayList<>();
        for (String name : NAMES) {
            out.add(new TypePattern(name));
        }
        return out;
    }

    /** A Reactor {@code Mono} or {@code Flux}: followed per subscription (the agent finds Reactor in the application). */
    static boolean isReactor(Type returns) {
        return returns.getSort() == Type.OBJECT && (returns.getClassName().equals("reactor.core.publisher.Mono")
                || returns.getClassName().equals("reactor.core.publisher.Flux"));
    }

    /** The return type's name when it is a deferred value the agent does not follow, else null. */
    static String unfollowed(Type returns) {
        if (returns.getSort() != Type.OBJECT) {
            return null;
        }
        String name = returns.getClassName();
        if (NAMES.contains(name)) {
            return name;
        }
        for (String p : PACKAGES) {
            if (name.startsWith(p) && name.indexOf('.', p.length()) < 0) {
                return name;
            }
        }
        return null;
    }
}
