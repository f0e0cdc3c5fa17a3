package dev.tripswitch.it;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code kafka-producer} preset against a real single-node KRaft broker (Kafka 4.1's
 * server jars from Maven Central, started once for the class, killed and restarted by each
 * test), with the 3.9 client in child JVMs on Java 11, 17 and 25: while the broker is away,
 * sends fail when their delivery times out and open the breaker; then {@code send} fails at
 * once with {@code NetworkException} (the future, and the callback on the caller's thread)
 * without queueing the record; sends resume on their own when the broker is back.
 */
class KafkaIT {
    private static final String RULES = JedisIT.rules("kafka", "kafka-producer");
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aStoppedBrokerTripsBothSendStylesAndTheyRecover(Jdk jdk) throws Exception {
        try (ChildJvm app = JedisIT.start(jdk, RULES)) {
            String at = broker.bootstrap();
            String topic = "orders-" + jdk.name();
            String sent = app.send("kafka-send " + at + " " + topic + " first");
            assertTrue(sent.startsWith("ok " + topic + "-0@"), sent);
            String told = app.send("kafka-send-callback " + at + " " + topic + " second");
            assertTrue(told.startsWith("ok " + topic + "-0@"), told);
            MBeanServerConnection jmx = app.jmx();
            ObjectName breaker = Jmx.breaker("kafka", at);
            Jmx.awaitRegistered(jmx, breaker);
            // a send is recorded as onCompletion returns, on the sender thread, after the callback ran
            ChildJvm.await("both sends counted", () -> (Long) Jmx.get(jmx, breaker, "TotalCalls") >= 2);
            assertEquals(2L, Jmx.get(jmx, breaker, "TotalCalls"), "one call per send");

            broker.kill();
            try {
                for (int i = 0; i < 3; i++) {
                    String failed = app.send("timed kafka-send " + at + " " + topic + " lost");
                    assertTrue(failed.startsWith("failure org.apache.kafka.common.errors."), failed);
                }
                assertEquals("OPEN", Jmx.state(jmx, breaker), "three deliveries failed in a row");
                String rejected = app.send("timed kafka-send " + at + " " + topic + " refused");
                assertTrue(rejected.startsWith("failure org.apache.kafka.common.errors.NetworkException: circuit open:"
                        + " kafka[" + at + "], retry after "), rejected);
                assertTrue(JedisIT.millis(rejected) < 200, "the future fails at once: " + rejected);
                String refused = app.send("timed kafka-send-callback " + at + " " + topic + " refused");
                assertTrue(refused.startsWith("failure org.apache.kafka.common.errors.NetworkException: circuit open:"),
                        refused);
                assertTrue(refused.contains("(on the caller's thread)"), "the callback runs at once: " + refused);
                assertTrue(JedisIT.millis(refused) < 200, refused);
            } finally {
                broker.startAgain();
            }
            ChildJvm.await("the breaker to close once the broker is back", () -> {
                if ("HALF_OPEN".equals(Jmx.state(jmx, breaker))) {
                    try {
                        app.send("kafka-send " + at + " " + topic + " trial"); // fails while the producer reconnects
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return "CLOSED".equals(Jmx.state(jmx, breaker));
            });
            String again = app.send("kafka-send-callback " + at + " " + topic + " again");
            assertTrue(again.startsWith("ok " + topic + "-0@"), again);
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }
}
