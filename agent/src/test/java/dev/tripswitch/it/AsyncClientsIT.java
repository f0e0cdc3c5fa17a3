package dev.tripswitch.it;

import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The asynchronous call styles against the real libraries: OkHttp's {@code enqueue} (and
 * Retrofit on it), HttpClient 5's async client with a {@code FutureCallback} or a future.
 * Failed responses trip the preset's breaker, each request counts once, a rejected request
 * never reaches the server and arrives where the library reports failures.
 */
class AsyncClientsIT {
    private static final String BREAKERS = """
              - name: okhttp
                preset: okhttp
              - name: apache
                preset: apache-httpclient5
            """;

    private static ChildJvm start(Jdk jdk) throws Exception {
        return PresetsIT.startWithClients(jdk, BREAKERS);
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void okhttpEnqueueTripsAndRejectsOnTheDispatcherThread(Jdk jdk) throws Exception {
        tripsRejectsAndCloses(jdk, "okhttp", "okhttp-enqueue", "failure java.net.ConnectException: circuit open: okhttp[",
                "on another thread OkHttp");
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void apacheAsyncWithACallback(Jdk jdk) throws Exception {
        tripsRejectsAndCloses(jdk, "apache", "apache-async", "failure java.net.ConnectException: circuit open: apache[",
                "future done true");
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void apacheAsyncWithTheFutureAlone(Jdk jdk) throws Exception {
        tripsRejectsAndCloses(jdk, "apache", "apache-async-future",
                "failure java.net.ConnectException: circuit open: apache[", "retry after");
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void retrofitEnqueue(Jdk jdk) throws Exception {
        tripsRejectsAndCloses(jdk, "okhttp", "retrofit-enqueue",
                "failure java.net.ConnectException: circuit open: okhttp[", "on another thread OkHttp");
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void retrofitExecute(Jdk jdk) throws Exception {
        tripsRejectsAndCloses(jdk, "okhttp", "retrofit-execute",
                "error java.net.ConnectException: circuit open: okhttp[", "retry after");
    }

    private void tripsRejectsAndCloses(Jdk jdk, String breaker, String command, String rejection, String detail)
            throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); TestHttpServer healthy = new TestHttpServer();
             ChildJvm app = start(jdk)) {
            failing.failing(true);
            for (int i = 0; i < 3; i++) {
                assertEquals("ok 503", app.send(command + " " + failing.url()));
            }
            int hits = failing.hits();
            String rejected = app.send(command + " " + failing.url());
            assertTrue(rejected.startsWith(rejection + failing.hostKey() + "], retry after "), rejected);
            assertTrue(rejected.contains(detail), rejected);
            assertEquals(hits, failing.hits(), "a rejected request must not reach the server");
            assertEquals("ok 200", app.send(command + " " + healthy.url()), "another host has its own breaker");

            MBeanServerConnection jmx = app.jmx();
            ObjectName bad = Jmx.breaker(breaker, failing.hostKey());
            Jmx.awaitRegistered(jmx, bad);
            assertEquals(3L, Jmx.get(jmx, bad, "TotalFailures"), "each request counts once");
            assertEquals(1L, Jmx.get(jmx, bad, "TotalRejected"));
            assertEquals("result: code >= 500 (was 503)", Jmx.get(jmx, bad, "LastFailure"));
            failing.failing(false);
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, bad)));
            assertEquals("ok 200", app.send(command + " " + failing.url()));
            assertEquals("CLOSED", Jmx.state(jmx, bad));
            assertFalse(app.stderr().contains("does not apply"), app.stderr());
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    /** The application's callback throws: its exception stays the application's, and the request counts once. */
    @Test
    void anExceptionOfTheApplicationsCallbackCountsNothingMore() throws Exception {
        try (TestHttpServer server = new TestHttpServer(); ChildJvm app = start(Jdk.java17())) {
            for (int i = 0; i < 2; i++) {
                assertEquals("ok 200", app.send("okhttp-enqueue-throwing " + server.url()));
            }
            server.failing(true);
            for (int i = 0; i < 2; i++) {
                assertEquals("ok 503", app.send("okhttp-enqueue-throwing " + server.url()));
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName name = Jmx.breaker("okhttp", server.hostKey());
            Jmx.awaitRegistered(jmx, name);
            ChildJvm.await("4 calls", () -> Long.valueOf(4).equals(Jmx.get(jmx, name, "TotalCalls")));
            assertEquals(2L, Jmx.get(jmx, name, "TotalSuccesses"));
            assertEquals(2L, Jmx.get(jmx, name, "TotalFailures"), "the 503s, not the callback's exceptions");
            app.awaitStderr("the application's own callback failed");
        }
    }

    @Test
    void okhttpConnectionRefusedIsAFailure() throws Exception {
        TestHttpServer.Refused gone = TestHttpServer.refused();
        String url = gone.url();
        String key = gone.hostKey();
        try (ChildJvm app = start(Jdk.java17())) {
            for (int i = 0; i < 3; i++) {
                assertTrue(app.send("okhttp-enqueue " + url).startsWith("failure java.net.ConnectException: Failed"),
                        "the server is gone");
            }
            String rejected = app.send("okhttp-enqueue " + url);
            assertTrue(rejected.startsWith("failure java.net.ConnectException: circuit open: okhttp[" + key + "]"),
                    rejected);
        }
    }

    /** A cancelled request gives its HALF_OPEN trial permit back: the next request is the trial. */
    @Test
    void aCancelledFutureReleasesItsTrialPermit() throws Exception {
        try (TestHttpServer server = new TestHttpServer(); ChildJvm app = start(Jdk.java17())) {
            server.failing(true);
            for (int i = 0; i < 3; i++) {
                assertEquals("ok 503", app.send("apache-async-future " + server.url()));
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName name = Jmx.breaker("apache", server.hostKey());
            Jmx.awaitRegistered(jmx, name);
            assertEquals("OPEN", Jmx.state(jmx, name));
            server.failing(false);
            server.stalling(true);
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, name)));
            int before = server.hits(); // HttpClient 5 retries a 503 once by itself: count from here
            assertEquals("ok started", app.send("apache-async-start " + server.url()));
            ChildJvm.await("the trial call in flight", () -> server.hits() == before + 1);
            assertTrue(app.send("apache-async-future " + server.url()).startsWith(
                    "failure java.net.ConnectException: circuit open: apache["), "the one trial slot is taken");
            assertEquals("ok true", app.send("apache-async-cancel"));
            server.stalling(false);
            assertEquals("ok 200", app.send("apache-async-future " + server.url()), "the cancelled trial's slot is free");
            assertEquals("CLOSED", Jmx.state(jmx, name));
            assertEquals(1L, Jmx.get(jmx, name, "TotalIgnored"), "the cancelled call counts neither way");
        }
    }
}
