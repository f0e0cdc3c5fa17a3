package dev.tripswitch.it;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An older service as it runs today: classes compiled for Java 8, on Java 11, with the same agent
 * jar as on 17 and 25: its own client's method is woven, trips and rejects. (A Java 8 JVM is
 * told in one line that the agent needs 11: {@code PremainTest}, since no JDK 8 can be installed here.)
 */
class OldServiceIT {
    private static final String RULES = """
            version: 1
            defaults: {minimumCalls: 3, openFor: 30s}
            breakers:
              - name: payments
                match: {type: com.acme.OldPayments, methods: [charge]}
            """;

    /** A small application compiled here for Java 8, as an old service's classes are. */
    private static List<String> oldApp() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "old-app-");
        java.nio.file.Path app = dir.resolve("OldJvmApp.java");
        java.nio.file.Files.writeString(app, """
                package com.acme;

                import java.io.BufferedReader;
                import java.io.InputStreamReader;

                public class OldJvmApp {
                    public static void main(String[] args) throws Exception {
                        System.out.println("ready");
                        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                        OldPayments payments = new OldPayments();
                        String line;
                        while ((line = in.readLine()) != null) {
                            String[] w = line.trim().split(" ");
                            try {
                                System.out.println("ok " + payments.charge(w[1], Integer.parseInt(w[2])));
                            } catch (Exception e) {
                                System.out.println("failure " + e);
                            }
                        }
                    }
                }
                """);
        java.nio.file.Path payments = dir.resolve("OldPayments.java");
        java.nio.file.Files.writeString(payments, """
                package com.acme;

                public class OldPayments {
                    public String charge(String account, int cents) throws java.io.IOException {
                        if (account.equals("down")) {
                            throw new java.io.IOException("payments unavailable");
                        }
                        return "charged " + account + " " + cents;
                    }
                }
                """);
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "8",
                "-Xlint:-options", "-d", dir.toString(), app.toString(), payments.toString());
        assertEquals(0, status, "the old application compiles");
        return List.of(dir.toString());
    }

    @Test
    void java8ClassesOnJava11AreGuarded() throws Exception {
        try (ChildJvm app = ChildJvm.start(Jdk.java11(), Env.rules(RULES).toString(), "com.acme.OldJvmApp", oldApp(),
                List.of())) {
            assertEquals("ready", app.readLine(), app.stderr());
            assertEquals("ok charged a 1", app.send("charge a 1"));
            // one success and two failures: 67% of the 3 calls the rule needs, over its 50%
            for (int i = 0; i < 2; i++) {
                assertEquals("failure java.io.IOException: payments unavailable", app.send("charge down 1"));
            }
            String rejected = app.send("charge down 1");
            assertTrue(rejected.startsWith("failure dev.tripswitch.CircuitOpenException: circuit open: payments, retry after"),
                    rejected);
            assertFalse(app.stderr().contains("needs Java"), app.stderr());
            assertFalse(app.stderr().contains("WARNING: An illegal reflective access"), "Java 11 warns of nothing: "
                    + app.stderr());
        }
    }
}
