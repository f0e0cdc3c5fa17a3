package dev.tripswitch.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process), from the
 * server jars Maven put in {@code it-apps/kafka-broker/target/lib}: formatted once, started in
 * a JVM of its own on free loopback ports, killed and started again on the same ports and
 * log directory, as an outage looks to a producer.
 */
final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private KafkaBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static KafkaBroker start() throws Exception {
        int port = freePort();
        int controller = freePort();
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-");
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0", ""));
        KafkaBroker broker = new KafkaBroker(dir, port);
        broker.run("format", "kafka.tools.StorageTool", "format", "-t",
                org.apache.kafka.common.Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString())
                .waitFor();
        broker.startAgain();
        return broker;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The broker's class path: what it-apps/kafka-broker copied from Maven Central. */
    private static String classPath() {
        Path lib = Path.of("..", "it-apps", "kafka-broker", "target", "lib").toAbsolutePath().normalize();
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build it-apps/kafka-broker (mvn -B verify from the root does)");
        }
        return lib + "/*";
    }

    private Process run(String log, String main, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Jdk.java17().java().toString(), "-Xmx512m",
                "-cp", classPath(), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log + ".log").toFile())
                .start();
    }

    /** {@code host:port} of its listener, as producers bootstrap from it and the breaker is keyed. */
    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    void startAgain() throws Exception {
        process = run("broker", "kafka.Kafka", dir.resolve("server.properties").toString());
        ChildJvm.await("the Kafka broker to listen on " + port, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited: " + tail());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("broker.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Kills the broker at once, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        kill();
        Env.deleteTree(dir);
    }
}
