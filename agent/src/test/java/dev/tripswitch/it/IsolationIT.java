package dev.tripswitch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application with its own (older) Byte Buddy, SnakeYAML and SLF4J runs unchanged with
 * the agent: each library is the application's copy, and the agent's transition lines go
 * through the application's SLF4J once the application has started it.
 */
class IsolationIT {
    private static final String RULES = """
            version: 1
            breakers:
              - name: payments
                match: {type: com.acme.PaymentsClient, methods: [charge]}
                minimumCalls: 2
                window: {type: count, size: 10}
            """;

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void applicationLibrariesWinAndLogsGoThroughItsSlf4j(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.start(jdk, Env.rules(RULES).toString(), "com.acme.IsolatedApp", appLibs(),
                List.of())) {
            String bytebuddy = app.readLine();
            String snakeyaml = app.readLine();
            String slf4j = app.readLine();
            assertTrue(bytebuddy.contains("byte-buddy-1.14.19.jar made com.acme.Generated"), bytebuddy);
            assertTrue(snakeyaml.contains("snakeyaml-1.33.jar read {answer=42}"), snakeyaml);
            assertTrue(slf4j.contains("slf4j-api-1.7.36.jar"), slf4j);
            assertEquals("ready", app.readLine());
            assertEquals("ok", app.send("fail on"));
            app.send("charge a 1");
            app.send("charge a 1");
            assertTrue(app.send("charge a 1").startsWith("error dev.tripswitch.CircuitOpenException"));
            // slf4j-simple's format: "[main] WARN tripswitch - breaker=..."
            ChildJvm.await("the transition logged through the application's SLF4J", () -> app.stderr()
                    .contains("WARN tripswitch - breaker=payments from=CLOSED to=OPEN"));
        }
    }

    private static List<String> appLibs() throws IOException {
        Path dir = Path.of(System.getProperty("tripswitch.appLibs", "target/app-libs"));
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.map(Path::toString).sorted().toList();
        }
    }
}
