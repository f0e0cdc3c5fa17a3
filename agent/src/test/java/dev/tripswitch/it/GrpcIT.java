package dev.tripswitch.it;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import com.acme.Echo;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code grpc} preset against a real grpc-java server on loopback: the blocking, future
 * and async stubs trip on UNAVAILABLE, a rejected call closes with UNAVAILABLE and the
 * breaker's message without reaching the server, an application error status (NOT_FOUND)
 * is an answer, not a failure; keyed by the channel's authority.
 */
class GrpcIT {
    private static final String BREAKERS = """
              - name: grpc
                preset: grpc
            """;

    /** A server whose answer is switched by the test: ok, or an error status. */
    private static final class EchoServer implements AutoCloseable {
        final AtomicInteger hits = new AtomicInteger();
        volatile Status failWith;
        final Server server;

        EchoServer() throws Exception {
            ServerServiceDefinition echo = ServerServiceDefinition.builder("echo")
                    .addMethod(Echo.SAY, ServerCalls.asyncUnaryCall((String request, io.grpc.stub.StreamObserver<String> out) -> {
                        hits.incrementAndGet();
                        Status status = failWith;
                        if (status != null) {
                            out.onError(status.withDescription("echo is down").asRuntimeException());
                        } else {
                            out.onNext("echo " + request);
                            out.onCompleted();
                        }
                    })).build();
            server = NettyServerBuilder.forAddress(new java.net.InetSocketAddress("127.0.0.1", 0)).addService(echo)
                    .build().start();
        }

        String target() {
            return "127.0.0.1:" + server.getPort();
        }

        @Override
        public void close() throws Exception {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> stubsOnEachJdk() {
        return Jdk.all().flatMap(jdk -> java.util.stream.Stream.of("blocking", "future", "async")
                .map(style -> org.junit.jupiter.params.provider.Arguments.of(jdk, style)));
    }

    @ParameterizedTest(name = "{1} stub on {0}")
    @MethodSource("stubsOnEachJdk")
    void everyStubTripsAndIsRejectedWithUnavailable(Jdk jdk, String style) throws Exception {
        check(jdk, style);
    }

    private void check(Jdk jdk, String style) throws Exception {
        try (EchoServer failing = new EchoServer(); EchoServer healthy = new EchoServer();
             ChildJvm app = PresetsIT.startWithClients(jdk, BREAKERS)) {
            String call = "grpc " + style + " ";
            failing.failWith = Status.UNAVAILABLE;
            for (int i = 0; i < 3; i++) {
                assertEquals("failure UNAVAILABLE: echo is down", app.send(call + failing.target() + " hi"));
            }
            int hits = failing.hits.get();
            String rejected = app.send(call + failing.target() + " hi");
            assertTrue(rejected.startsWith("failure UNAVAILABLE: circuit open: grpc[" + failing.target()
                    + "], retry after "), rejected);
            assertEquals(hits, failing.hits.get(), "a rejected call must not reach the server");

            assertEquals("ok echo hi", app.send(call + healthy.target() + " hi"), "another authority has its own breaker");
            healthy.failWith = Status.NOT_FOUND;
            for (int i = 0; i < 3; i++) {
                assertEquals("failure NOT_FOUND: echo is down", app.send(call + healthy.target() + " hi"));
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName answered = Jmx.breaker("grpc", healthy.target());
            Jmx.awaitRegistered(jmx, answered);
            assertEquals(4L, Jmx.get(jmx, answered, "TotalSuccesses"), "OK and NOT_FOUND are the server's answers");
            assertEquals("CLOSED", Jmx.state(jmx, answered));

            ObjectName bad = Jmx.breaker("grpc", failing.target());
            assertEquals(3L, Jmx.get(jmx, bad, "TotalFailures"), "each call counts once");
            assertEquals(1L, Jmx.get(jmx, bad, "TotalRejected"));
            failing.failWith = null;
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, bad)));
            assertEquals("ok echo hi", app.send(call + failing.target() + " hi"));
            // the async stub's observer sees the message before the call's status closes it: wait for the verdict
            ChildJvm.await("CLOSED", () -> "CLOSED".equals(Jmx.state(jmx, bad)));
            assertFalse(app.stderr().contains("internal error"), app.stderr());
            assertFalse(app.stderr().contains("does not apply"), app.stderr());
        }
    }
}
