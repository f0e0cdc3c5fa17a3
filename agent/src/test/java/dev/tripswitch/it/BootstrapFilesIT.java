package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The bridge goes into the bootstrap class loader without a file: JVMs killed with kill -9
 * leave nothing in the temporary directory, and the JVM prints no warning at start
 * (appending a jar to the bootstrap path made it say "Sharing is only supported for boot
 * loader classes" and turned class-data sharing off for the application's classes).
 */
class BootstrapFilesIT {

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
}
