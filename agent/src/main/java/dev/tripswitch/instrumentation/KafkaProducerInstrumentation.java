package dev.tripswitch.instrumentation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;

/**
 * The Kafka producer ({@code org.apache.kafka:kafka-clients} 3 and 4): {@code send(record)} and
 * {@code send(record, callback)}, judged when the broker acknowledges the record or its
 * delivery fails. Both overloads append the record to the producer's
 * {@code RecordAccumulator} on the caller's thread, handing it the producer's per-record
 * {@code AppendCallbacks}; the sender thread later calls that object's {@code onCompletion}
 * with the broker's acknowledgement or the failure (a delivery timeout when the broker is
 * away). So a send is one call from {@code append} to {@code onCompletion}.
 *
 * <p>A rejected send fails in {@code append} with {@code NetworkException}, before the record
 * is queued: the producer's own error handling turns it into what a failed send gives, at
 * once, on the caller's thread (the callback's {@code onCompletion(metadata, exception)} and a
 * failed future). {@code flush()} and {@code close()} are not calls. Keyed by the producer's
 * cluster, its brokers' {@code host:port} (a send has no broker of its own until the
 * accumulator picks its partition). A send that waits for the topic's metadata and gives up
 * ({@code max.block.ms}) never reaches {@code append} and is not counted.
 */
final class KafkaProducerInstrumentation extends ClientLibrary implements HostProbe {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "kafka-producer";

    private static final String APPEND_CALLBACKS = "org.apache.kafka.clients.producer.internals.RecordAccumulator$AppendCallbacks";
    private static final ClassValue<Boolean> IS_APPEND_CALLBACKS = Reflect.implementing(APPEND_CALLBACKS);
    private static final MatchSpec APPEND = new MatchSpec("org.apache.kafka.clients.producer.internals.RecordAccumulator",
            false, List.of("append"), null, MatchSpec.Role.START);
    private static final MatchSpec COMPLETES = new MatchSpec(APPEND_CALLBACKS, true, List.of("onCompletion"), null,
            MatchSpec.Role.COMPLETE);

    KafkaProducerInstrumentation() {
        super(PRESET);
    }

    /** The producer's view of its cluster ({@code org.apache.kafka.common.Cluster}): its brokers, sorted, comma-separated. */
    @Override
    public HostProbe.Reader readerFor(Class<?> type) {
        if (!type.getName().equals("org.apache.kafka.common.Cluster")) {
            return null;
        }
        return (cluster, next) -> {
            Keyed last = lastCluster;
            if (last != null && last.cluster == cluster) {
                return last.key; // the producer's snapshot changes only when its metadata does
            }
            List<String> brokers = new ArrayList<>();
            for (Object node : (List<?>) Reflect.property(cluster, "nodes")) {
                String broker = next.hostOf(node); // a Node's host() and port()
                if (broker != null) {
                    brokers.add(broker);
                }
            }
            Collections.sort(brokers);
            String key = brokers.isEmpty() ? null : String.join(",", brokers);
            lastCluster = new Keyed(cluster, key);
            return key;
        };
    }

    /**
     * The last cluster snapshot keyed, and its key: every send hands the accumulator the
     * producer's current snapshot, so one remembered pair saves a pass over its brokers per send.
     */
    private static volatile Keyed lastCluster;

    private static final class Keyed {
        final Object cluster;
        final String key;

        Keyed(Object cluster, String key) {
            this.cluster = cluster;
            this.key = key;
        }
    }

    @Override
    ClientInstrumentation definition() {
        String test = "`KafkaIT` (Java 11, 17, 25)";
        List<MatchSpec> woven = List.of(APPEND, COMPLETES);
        return new ClientInstrumentation(PRESET, "Kafka producer (`org.apache.kafka:kafka-clients`)",
                ClientInstrumentation.HOST,
                new FailOn(List.of("org.apache.kafka.common.errors.RetriableException"), List.of(), List.of(),
                        List.of(), List.of()),
                new WhenOpen.Throw("org.apache.kafka.common.errors.NetworkException"), false, List.of(
                CallStyle.woven("Kafka producer", "`send(record)` and its `Future`", "kafka-clients 3.9", woven,
                        "judged when the broker acknowledges or the delivery fails; when open, the future fails at"
                        + " once with `NetworkException` and the record is not queued", test),
                CallStyle.woven("Kafka producer", "`send(record, callback)`", "kafka-clients 3.9", woven,
                        "when open, the callback's `onCompletion(metadata, NetworkException)` runs at once on the"
                        + " caller's thread, as for any send the producer refuses", test)),
                "A send is judged when the broker acknowledges the record or its delivery fails: a retriable failure"
                        + " (`RetriableException`: the delivery timing out while the broker is away, a lost"
                        + " connection, no leader) counts; one the broker or the application caused"
                        + " (`RecordTooLargeException`, an authorization error, serialization) does not. When open,"
                        + " `send` fails in the producer's append with `NetworkException`, before the record is queued:"
                        + " the callback and the future fail at once. Keyed by the producer's cluster (its brokers'"
                        + " `host:port`, comma-separated); `flush()` and `close()` are not calls.",
                new Sends(), Retries.none("the producer retries on its own (`retries`, `delivery.timeout.ms`);"
                        + " a record sent twice may be written twice"));
    }

    /**
     * A send's start ({@code RecordAccumulator#append}) and end ({@code onCompletion} of the
     * {@code AppendCallbacks} it was given).
     */
    static final class Sends implements AsyncCalls {
        @Override
        public Object keyAtStart(Object self, Object[] args) {
            if (args == null) {
                return null;
            }
            for (Object arg : args) {
                if (arg != null && IS_APPEND_CALLBACKS.get(arg.getClass())) {
                    return arg;
                }
            }
            return null;
        }

        @Override
        public Completion completion(Object self, String method, Object[] args) {
            if (!method.equals("onCompletion") || args == null || args.length != 2) {
                return null;
            }
            return args[1] instanceof Throwable ? new Completion(self, null, (Throwable) args[1], false)
                    : new Completion(self, null, null, false);
        }

        /** Thrown in {@code append}: the producer catches it as any refused send (its callback, a failed future). */
        @Override
        public Object reject(Object self, Object[] args, Throwable rejection) {
            return new Dispatcher.Throw(rejection);
        }
    }
}
