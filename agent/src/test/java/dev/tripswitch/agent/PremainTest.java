package dev.tripswitch.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The version check a JVM meets first: Java 8 hears one line (no JDK 8 can be installed here to try it on). */
class PremainTest {
    @Test
    void java8IsToldInOneLineAndTheApplicationRuns() {
        assertEquals("tripswitch: this agent needs Java 11 or later, and this JVM is Java 8 (OpenJDK 64-Bit Server VM"
                + " 1.8.0_432); the application runs without breakers",
                Premain.refusal("1.8", "OpenJDK 64-Bit Server VM 1.8.0_432", false));
        assertEquals("tripswitch: this agent needs Java 11 or later, and this JVM is Java 8 (vm); strict mode: exiting"
                + " with status 1", Premain.refusal("1.8", "vm", true));
    }

    @Test
    void java11AndLaterRunTheAgent() {
        for (String version : new String[] {"11", "17", "21", "25", "26-ea"}) {
            assertNull(Premain.refusal(version, "vm", true), version);
        }
    }

    @Test
    void featureReleases() {
        assertEquals(8, Premain.feature("1.8"));
        assertEquals(11, Premain.feature("11"));
        assertEquals(0, Premain.feature(null));
        assertEquals(0, Premain.feature("x"));
    }
}
