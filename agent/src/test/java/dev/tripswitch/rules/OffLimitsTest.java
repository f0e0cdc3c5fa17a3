package dev.tripswitch.rules;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the agent never weaves, and which rules are refused for reaching it. */
class OffLimitsTest {

    @Test
    void theJdkIsOffLimitsButItsNetworkAndDatabaseClients() {
        assertTrue(OffLimits.never("java.lang.ThreadLocal"));
        assertTrue(OffLimits.never("java.util.concurrent.ConcurrentHashMap"));
        assertTrue(OffLimits.never("jdk.internal.misc.Unsafe"));
        assertTrue(OffLimits.never("dev.tripswitch.bridge.Dispatcher"));
        assertTrue(OffLimits.never("org.slf4j.Logger"));
        assertFalse(OffLimits.never("java.net.HttpURLConnection"));
        assertFalse(OffLimits.never("sun.net.www.protocol.http.HttpURLConnection"));
        assertFalse(OffLimits.never("jdk.internal.net.http.HttpClientImpl"));
        assertFalse(OffLimits.never("java.sql.Statement"));
        assertFalse(OffLimits.never("com.acme.PaymentsClient"));
        assertFalse(OffLimits.never("dev.tripswitch.benchmarks.WovenBenchmark"), "the benchmarks are woven on purpose");
    }

    @Test
    void typesAndGlobsThatReachItAreRefused() {
        for (String type : List.of("java.lang.ThreadLocal", "java.*", "*", "*Client", "ja*", "java.util.concurrent.*",
                "dev.tripswitch.*", "jdk.internal.misc.Unsafe")) {
            assertNotNull(OffLimits.typeRefusal(type, false), type);
        }
        for (String type : List.of("java.net.http.HttpClient", "java.net.*", "java.sql.*", "com.acme.*Client",
                "okhttp3.Call")) {
            assertNull(OffLimits.typeRefusal(type, false), type);
        }
        assertNull(OffLimits.typeRefusal("java.lang.Runnable", true), "a subtype rule weaves only the application's classes");
        assertNotNull(OffLimits.typeRefusal("*", true));
    }

    @Test
    void onlyRulesNamingAJdkClientWeaveJdkClasses() {
        assertTrue(OffLimits.mayWeaveJdk(new MatchSpec("java.net.HttpURLConnection", true, List.of("connect"), null)));
        assertTrue(OffLimits.mayWeaveJdk(new MatchSpec("java.sql.*", true, List.of("execute*"), null)));
        assertFalse(OffLimits.mayWeaveJdk(new MatchSpec("java.lang.Runnable", true, List.of("run"), null)));
        assertFalse(OffLimits.mayWeaveJdk(new MatchSpec("java.util.function.*", true, List.of("apply"), null)));
    }

    @Test
    void constructorsAreRefused() {
        assertNotNull(OffLimits.methodRefusal("<init>"));
        assertNotNull(OffLimits.methodRefusal("<clinit>"));
        assertNull(OffLimits.methodRefusal("charge"));
    }
}
