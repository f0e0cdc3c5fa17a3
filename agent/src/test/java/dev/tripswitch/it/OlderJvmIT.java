package dev.tripswitch.it;

import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a JVM older than the agent needs, {@code -javaagent} does not abort the JVM: one clear line,
 * and the application runs without breakers; {@code strict} makes it exit with status 1.
 */
class OlderJvmIT {
    private static final String RULES = """
            version: 1
            breakers:
              - name: payments
                match: {type: com.acme.PaymentsClient, methods: [charge]}
            """;

    /** A small application compiled here for Java 8, as an old service's classes are. */
    private static List<String> oldApp() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "old-app-");
        java.nio.file.Path source = dir.resolve("OldJvmApp.java");
        java.nio.file.Files.writeString(source, """
                package com.acme;

                import java.io.BufferedReader;
                import java.io.InputStreamReader;

                public class OldJvmApp {
                    public static void main(String[] args) throws Exception {
                        System.out.println("ready");
                        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                        String line;
                        while ((line = in.readLine()) != null) {
                            String[] w = line.trim().split(" ");
                            System.out.println(w[0].equals("charge") ? "ok charged " + w[1] + " " + w[2] : "unknown");
                        }
                    }
                }
                """);
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "8",
                "-Xlint:-options", "-d", dir.toString(), source.toString());
        assertEquals(0, status, "the old application compiles");
        return List.of(dir.toString());
    }

    private static Jdk java11() {
        Jdk jdk = Jdk.java11OrNull();
        Assumptions.assumeTrue(jdk != null || "true".equals(System.getenv("CI")),
                "no Java 11 here (apt-get install -t bullseye openjdk-11-jdk-headless; .ci/run installs it)");
        if (jdk == null) {
            throw new AssertionError("no Java 11 at /usr/lib/jvm/java-11-openjdk-amd64: .ci/run installs it");
        }
        return jdk;
    }

    @Test
    void onJava11TheApplicationRunsWithoutBreakersAndIsToldSo() throws Exception {
        try (ChildJvm app = ChildJvm.start(java11(), Env.rules(RULES).toString(), "com.acme.OldJvmApp", oldApp(),
                List.of())) {
            assertEquals("ready", app.readLine(), app.stderr());
            assertEquals("ok charged a 1", app.send("charge a 1"), "the application's own call runs");
            app.awaitStderr("tripswitch: this agent needs Java 17 or later, and this JVM is Java 11");
            assertTrue(app.stderr().contains("the application runs without breakers"), app.stderr());
            assertFalse(app.stderr().contains("UnsupportedClassVersionError"), app.stderr());
            assertEquals(1, app.stderr().lines().filter(l -> l.startsWith("tripswitch:")).count(), app.stderr());
        }
    }

    @Test
    void strictExitsWithStatusOne() throws Exception {
        try (ChildJvm app = ChildJvm.start(java11(), Env.rules(RULES) + ",strict", "com.acme.OldJvmApp", oldApp(),
                List.of())) {
            assertEquals(1, app.awaitExit(), app.stderr());
            assertTrue(app.stderr().contains("strict mode: exiting with status 1"), app.stderr());
        }
    }
}
