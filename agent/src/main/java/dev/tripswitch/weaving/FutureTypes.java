package dev.tripswitch.weaving;

import java.util.List;

import dev.tripswitch.rules.OffLimits;

/**
 * Whether a type is a {@code CompletionStage}, answered the way {@link Hierarchy} answers
 * subtype rules: from headers read through the loader's resources, remembered.
 */
final class FutureTypes {
    private final Hierarchy stages = new Hierarchy(List.of(new TypePattern("java.util.concurrent.CompletionStage")));

    boolean of(ClassLoader loader, String name) {
        String path = name.replace('.', '/') + ".class";
        ClassLoader from = loader != null && !OffLimits.isJdk(name) ? loader : ClassLoader.getPlatformClassLoader();
        try (java.io.InputStream in = from.getResourceAsStream(path)) {
            ClassHeader header = in == null ? null : ClassHeader.read(in.readAllBytes());
            return header != null && stages.of(loader, header) != 0;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
