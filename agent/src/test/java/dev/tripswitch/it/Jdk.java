package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A JDK the agent is tested on: Java 11 (Debian's, which .ci/run installs from bullseye), Java 17
 * (the build's) and Java 25 (beside it). 17 and 25 bracket 21, which cannot be installed here.
 */
public record Jdk(String name, Path home) {

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    @Override
    public String toString() {
        return name;
    }

    /** Every JDK the one agent jar runs on; a missing one fails the tests that use it rather than skipping them. */
    public static Stream<Jdk> all() {
        return Stream.of(java11(), java17(), java25());
    }

    /**
     * The JDKs of applications on Spring Framework 6 and Spring Boot 3 (and Jetty 12, Tomcat 11),
     * which need Java 17: the tests of those libraries run on these.
     */
    public static Stream<Jdk> modern() {
        return Stream.of(java17(), java25());
    }

    public static Jdk java17() {
        return new Jdk("java17", Path.of(System.getProperty("java.home")));
    }

    /** Java 11, Debian's (from bullseye: .ci/run installs it). */
    public static Jdk java11() {
        Path home = Path.of(System.getProperty("tripswitch.java11", "/usr/lib/jvm/java-11-openjdk-amd64"));
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException("no Java 11 at " + home + ": apt-get install -t bullseye"
                    + " openjdk-11-jdk-headless (.ci/run does) or set -Djava11.home");
        }
        return new Jdk("java11", home);
    }

    public static Jdk java25() {
        Path home = Path.of(System.getProperty("tripswitch.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException("no Java 25 at " + home + ": install Temurin 25 there or set -Djava25.home");
        }
        return new Jdk("java25", home);
    }
}
