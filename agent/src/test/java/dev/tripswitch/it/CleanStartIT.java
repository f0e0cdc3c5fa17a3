package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge goes into the bootstrap class loader without a file: JVMs killed with kill -9
 * leave nothing in the temporary directory, and the JVM prints no warning at start
 * (appending a jar to the bootstrap path made it say "Sharing is only supported for boot
 * loader classes" and turned class-data sharing off for the application's classes).
 */
class CleanStartIT {

    @Test
    void killedJvmsLeaveNothingBehind() throws Exception {
        Path tmp = Files.createTempDirectory(Path.of("target"), "tmpdir-").toAbsolutePath();
        Path rules = Env.rules("version: 1\nbreakers: []\n");
        for (int i = 0; i < 3; i++) {
            try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", List.of(),
                    List.of("-Djava.io.tmpdir=" + tmp)).awaitReady()) {
                assertEquals("ok charged a 1", app.send("charge a 1"));
                assertFalse(app.stderr().contains("Sharing is only supported"), app.stderr());
            } // close() kills the JVM the way kill -9 does: no shutdown hook, no deleteOnExit
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    /**
     * With the presets and their libraries in use, the JVM prints nothing at start on Java 17
     * and 25: no class-data sharing warning (nothing is appended to the bootstrap path) and no
     * sun.misc.Unsafe warnings (nothing the agent runs uses it).
     */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void theJvmPrintsNoWarningAtStart(Jdk jdk) throws Exception {
        Path rules = Env.rules("""
                version: 1
                agent: {log: warn}
                breakers:
                  - {name: http, preset: jdk-http-client}
                  - {name: legacy, preset: http-url-connection}
                  - {name: okhttp, preset: okhttp}
                  - {name: apache, preset: apache-httpclient5}
                  - {name: db, preset: jdbc}
                """);
        try (TestHttpServer server = new TestHttpServer();
             ChildJvm app = ChildJvm.start(jdk, rules.toString(), "com.acme.TargetApp", PresetsIT.clientLibs(),
                     List.of()).awaitReady()) {
            assertEquals("ok 200", app.send("jdk-get " + server.url()));
            assertEquals("ok 200", app.send("url-get " + server.url()));
            assertEquals("ok 200", app.send("okhttp-get " + server.url()));
            assertEquals("ok 200", app.send("apache-get " + server.url()));
            assertEquals(List.of(), app.stderr().lines().filter(l -> !l.startsWith("SLF4J")).toList(),
                    "nothing but the application's own SLF4J notice on stderr");
        }
    }

    /**
     * The way out if defining the bridge ever breaks on some JDK: {@code -Dtripswitch.bootstrap=jar}
     * appends it as a jar instead. Breakers work the same, and the agent says why the JVM
     * warns about class-data sharing.
     */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void theBridgeAsAJarStillGuardsCallsAndTheAgentSaysWhyTheJvmWarns(Jdk jdk) throws Exception {
        Path rules = Env.rules(MatchingIT.PAYMENTS);
        try (ChildJvm app = ChildJvm.start(jdk, rules.toString(), "com.acme.TargetApp", List.of(),
                List.of("-Dtripswitch.bootstrap=jar")).awaitReady()) {
            assertEquals("ok", app.send("fail on"));
            app.send("charge a 1");
            app.send("charge a 1");
            String third = app.send("charge a 1");
            assertTrue(third.contains("circuit open: payments"), third + "\n" + app.stderr());
            app.awaitStderr("the bridge went on the bootstrap class path as a jar (-Dtripswitch.bootstrap=jar)");
        }
    }
}
