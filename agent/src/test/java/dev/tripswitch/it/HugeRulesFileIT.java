package dev.tripswitch.it;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rules file that is not one (3 GB, a wrong path to a data file) is refused unread with one
 * message: the application runs (or, strict, exits 1), {@code check} prints no stack trace,
 * and the reload watcher outlives it and picks up the next valid edit.
 */
class HugeRulesFileIT {
    private static final String RULES = """
            version: 1
            agent: {reload: true}
            breakers:
              - name: payments
                match: {type: com.acme.PaymentsClient, methods: [charge]}
                failureRate: %s
            """;

    /** A sparse file of 3 GB: no disk is used, but reading it whole would need 3 GB of heap. */
    private static Path huge() throws Exception {
        Path file = Env.rules("");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        return file;
    }

    @Test
    void theApplicationRunsUnderASmallHeap() throws Exception {
        Path rules = huge();
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", List.of(),
                List.of("-Xmx64m")).awaitReady()) {
            assertEquals("ok charged a 1", app.send("charge a 1"));
            app.awaitStderr(rules + ":1:1: cannot be read: java.io.IOException: the file is 3,221,225,472 bytes;"
                    + " a rules file is at most 1 MiB");
            app.awaitStderr("the application runs without breakers");
            assertFalse(app.stderr().contains("OutOfMemoryError"), app.stderr());
        }
    }

    @Test
    void strictIsStrict() throws Exception {
        Path rules = huge();
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules + ",strict", "com.acme.TargetApp", List.of(),
                List.of("-Xmx64m"))) {
            assertEquals(1, app.awaitExit());
            app.awaitStderr("strict mode: exiting with status 1");
        }
    }

    @Test
    void checkSaysItInOneLine() throws Exception {
        Path rules = huge();
        Cli.Result r = Cli.run("check", rules.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals(List.of(rules + ":1:1: cannot be read: java.io.IOException: the file is 3,221,225,472 bytes;"
                + " a rules file is at most 1 MiB (a few kilobytes is usual): is this the right file?",
                rules + ": 1 problem"), r.err().lines().toList());
    }

    @Test
    void theWatcherOutlivesItAndTakesTheNextValidEdit() throws Exception {
        Path rules = Env.rules(RULES.formatted("50%"));
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules).awaitReady()) {
            MBeanServerConnection jmx = app.jmx();
            ObjectName payments = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmx, payments);
            try (RandomAccessFile f = new RandomAccessFile(rules.toFile(), "rw")) {
                f.setLength(3L << 30);
            }
            app.awaitStderr("reload of " + rules + " failed");
            Files.delete(rules);
            Files.writeString(rules, RULES.formatted("75%"));
            ChildJvm.await("the valid edit to apply", () -> Double.valueOf(75.0).equals(
                    Jmx.get(jmx, payments, "FailureRateThreshold")));
            assertTrue(app.send("charge a 1").startsWith("ok"));
        }
    }
}
