package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** JVMs killed with kill -9 leave no pile of bridge jars in the temporary directory. */
class BootstrapFilesIT {

    @Test
    void killedJvmsLeaveOneSharedJar() throws Exception {
        Path tmp = Files.createTempDirectory(Path.of("target"), "tmpdir-").toAbsolutePath();
        Path stale = Files.createFile(tmp.resolve("tripswitch-bootstrap-12345678901234567.jar"));
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(0));
        Path rules = Env.rules("version: 1\nbreakers: []\n");
        for (int i = 0; i < 3; i++) {
            try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", List.of(),
                    List.of("-Djava.io.tmpdir=" + tmp)).awaitReady()) {
                assertEquals("ok charged a 1", app.send("charge a 1"));
            } // close() kills the JVM the way kill -9 does: no shutdown hook, no deleteOnExit
        }
        try (Stream<Path> files = Files.list(tmp)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(1, names.size(), names.toString());
            assertFalse(names.contains(stale.getFileName().toString()), "a leftover of a killed JVM is removed");
        }
    }
}
