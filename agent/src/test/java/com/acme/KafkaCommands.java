package com.acme;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Kafka producer as a service keeps one: per cluster, records acknowledged by the leader,
 * a delivery given up after 1.5 s (where the default is two minutes, so a test sees it), a
 * quick reconnect. Each command answers {@code ok TOPIC-PARTITION@OFFSET} or
 * {@code failure TYPE: MESSAGE}, and says when the callback ran on the caller's thread.
 *
 * <pre>
 * kafka-send BOOTSTRAP TOPIC VALUE            send(record), then the future's get
 * kafka-send-callback BOOTSTRAP TOPIC VALUE   send(record, callback), then waits for the callback
 * </pre>
 */
final class KafkaCommands {
    private static final Map<String, KafkaProducer<String, String>> PRODUCERS = new ConcurrentHashMap<>();

    private KafkaCommands() {
    }

    static String run(String[] w) {
        try {
            KafkaProducer<String, String> producer = producer(w[1]);
            ProducerRecord<String, String> record = new ProducerRecord<>(w[2], w[3]);
            switch (w[0]) {
                case "kafka-send":
                    return "ok " + where(producer.send(record).get(10, TimeUnit.SECONDS));
                case "kafka-send-callback": {
                    Thread caller = Thread.currentThread();
                    CompletableFuture<String> told = new CompletableFuture<>();
                    producer.send(record, (metadata, e) -> told.complete(
                            (e == null ? "ok " + where(metadata) : "failure " + e.getClass().getName() + ": " + e.getMessage())
                            + (Thread.currentThread() == caller ? " (on the caller's thread)" : "")));
                    return told.get(10, TimeUnit.SECONDS);
                }
                default:
                    return "unknown command " + w[0];
            }
        } catch (java.util.concurrent.ExecutionException e) {
            return "failure " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        } catch (Exception e) {
            return "failure " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String where(RecordMetadata m) {
        return m.topic() + "-" + m.partition() + "@" + m.offset();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return PRODUCERS.computeIfAbsent(bootstrap, b -> {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "1");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "1500");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
            p.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, "100");
            p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
            return new KafkaProducer<>(p);
        });
    }
}
