package dev.tripswitch.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long a trip in one JVM takes to open the same breaker in the others ({@code
 * agent.cluster}): a real redis-server on loopback, three {@link ClusterNode} JVMs under the
 * agent; node 0 trips TRIPS keys one after the other, nodes 1 and 2 note when each opens
 * there (the State notification, as JConsole receives it). Latency = seen OPEN there minus
 * the tripping call's return here, on the machine's one wall clock. A measurement, not a
 * test: it prints p50, p99 and the worst.
 *
 * <p>Usage (after {@code mvn -B -q -DskipTests package}): {@code benchmarks/cluster-latency.sh [TRIPS]}.
 */
public final class ClusterLatency {
    private ClusterLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = Path.of(args[0]).toAbsolutePath();
        int trips = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("tripswitch-cluster-latency-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        awaitPort(port);
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, String.join("\n",
                "version: 1",
                "agent:",
                "  cluster: {redis: \"redis://127.0.0.1:" + port + "\", namespace: latency}",
                "breakers:",
                "  - name: fleet",
                "    match: {type: dev.tripswitch.benchmarks.ClusterNode, methods: [call]}",
                "    key: arg0",
                "    consecutiveFailures: 1",
                "    openFor: 10m",
                ""));
        List<Node> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(new Node(agent, rules));
            }
            for (Node n : nodes) {
                n.ask("warm " + trips);
            }
            Map<String, Long> tripped = new HashMap<>();
            for (int i = 1; i <= trips; i++) {
                String answer = nodes.get(0).ask("trip " + i);
                tripped.put("k" + i, Long.parseLong(answer.substring("tripped ".length())));
                Thread.sleep(10);
            }
            Thread.sleep(1000);
            List<Long> latencies = new ArrayList<>();
            int missing = 0;
            for (Node n : nodes.subList(1, 3)) {
                Map<String, Long> seen = n.report();
                for (Map.Entry<String, Long> t : tripped.entrySet()) {
                    Long at = seen.get(t.getKey());
                    if (at == null) {
                        missing++;
                    } else {
                        latencies.add(at - t.getValue());
                    }
                }
            }
            Collections.sort(latencies);
            System.out.printf("%s; %d trips, 3 JVMs, %d openings seen in the other two (%d missing)%n",
                    System.getProperty("java.vm.version"), trips, latencies.size(), missing);
            System.out.printf("trip -> OPEN in another JVM: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    at(latencies, 0.50) / 1000.0, at(latencies, 0.99) / 1000.0,
                    latencies.get(latencies.size() - 1) / 1000.0);
        } finally {
            for (Node n : nodes) {
                n.process.destroyForcibly();
            }
            redis.destroyForcibly();
        }
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(25);
            }
        }
        throw new IllegalStateException("redis-server did not start on " + port);
    }

    /** A ClusterNode JVM, driven line by line. */
    private static final class Node {
        final Process process;
        final BufferedReader out;
        final PrintWriter in;

        Node(Path agent, Path rules) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-javaagent:" + agent + "=" + rules, "-Dtripswitch.jmx.delay=0",
                    "-cp", System.getProperty("java.class.path"), ClusterNode.class.getName())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream()));
            in = new PrintWriter(process.getOutputStream(), true);
            String first = out.readLine();
            if (!"ready".equals(first)) {
                throw new IllegalStateException("node did not start: " + first);
            }
        }

        String ask(String command) throws IOException {
            in.println(command);
            return out.readLine();
        }

        Map<String, Long> report() throws IOException {
            in.println("report");
            Map<String, Long> seen = new HashMap<>();
            String line;
            while ((line = out.readLine()) != null && !line.equals("end")) {
                String[] f = line.split(" ");
                seen.put(f[0], Long.parseLong(f[1]));
            }
            return seen;
        }
    }
}
