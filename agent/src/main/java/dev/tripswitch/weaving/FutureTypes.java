package dev.tripswitch.weaving;

import java.util.List;

/**
 * Whether a method's return type is a {@code CompletionStage}, answered the way
 * {@link Hierarchy} answers subtype rules (the type's header and its supertypes', read
 * through the loader's resources and remembered).
 */
final class FutureTypes {
    private final Hierarchy stages = new Hierarchy(List.of(new TypePattern("java.util.concurrent.CompletionStage")));

    boolean of(ClassLoader loader, String name) {
        return stages.ofName(loader, name) != 0;
    }
}
