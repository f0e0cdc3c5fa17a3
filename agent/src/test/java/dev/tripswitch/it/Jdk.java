package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A JDK the agent is tested on: Java 17 (the build's) and Java 25 (beside it). */
public record Jdk(String name, Path home) {

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    @Override
    public String toString() {
        return name;
    }

    /** Both JDKs; a missing Java 25 fails the tests that use it rather than skipping them. */
    public static Stream<Jdk> all() {
        return Stream.of(java17(), java25());
    }

    public static Jdk java17() {
        return new Jdk("java17", Path.of(System.getProperty("java.home")));
    }

    /** Java 11 (Debian's, from bullseye: .ci/run installs it), or null where it is not installed. */
    public static Jdk java11OrNull() {
        Path home = Path.of(System.getProperty("tripswitch.java11", "/usr/lib/jvm/java-11-openjdk-amd64"));
        return Files.isExecutable(home.resolve("bin/java")) ? new Jdk("java11", home) : null;
    }

    public static Jdk java25() {
        Path home = Path.of(System.getProperty("tripswitch.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException("no Java 25 at " + home + ": install Temurin 25 there or set -Djava25.home");
        }
        return new Jdk("java25", home);
    }
}
