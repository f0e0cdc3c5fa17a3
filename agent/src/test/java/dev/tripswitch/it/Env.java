package dev.tripswitch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the integration tests need. */
final class Env {
    private Env() {
    }

    static Path agentJar() {
        return Path.of(System.getProperty("tripswitch.agentJar", "target/tripswitch-agent.jar")).toAbsolutePath();
    }

    static Path testClasses() {
        return Path.of(System.getProperty("tripswitch.testClasses", "target/test-classes")).toAbsolutePath();
    }

    /** Writes a rules file into a fresh temporary directory. */
    static Path rules(String yaml) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "rules-");
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Deletes a directory a test made, with everything in it (a server's data and logs). */
    static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
