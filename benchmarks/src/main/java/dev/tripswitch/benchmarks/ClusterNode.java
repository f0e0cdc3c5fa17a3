package dev.tripswitch.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.AttributeChangeNotification;
import javax.management.MBeanServer;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * One JVM of the cluster latency measurement ({@link ClusterLatency}): an application with a
 * method the rules guard per key, run under the agent with {@code agent.cluster}. It reads
 * commands on standard input: {@code warm N} (one healthy call per key, so every breaker and
 * its MBean exists, then listens to their State notifications as JConsole does), {@code trip I}
 * (fails key I once, which trips it, and says when), {@code report} (when each key was seen
 * OPEN here).
 */
public final class ClusterNode {
    private static final Map<String, Long> OPENED_AT_MICROS = new ConcurrentHashMap<>();

    private ClusterNode() {
    }

    /** The guarded call: the rule's key is the first argument. */
    public static String call(String key, boolean fail) throws IOException {
        if (fail) {
            throw new IOException("down: " + key);
        }
        return "ok " + key;
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "warm":
                    System.out.println(warm(Integer.parseInt(w[1])));
                    break;
                case "trip": {
                    try {
                        call("k" + w[1], true);
                    } catch (IOException expected) {
                        // the failure that trips the breaker (consecutiveFailures: 1)
                    }
                    System.out.println("tripped " + micros());
                    break;
                }
                case "report": {
                    OPENED_AT_MICROS.forEach((key, at) -> System.out.println(key + " " + at));
                    System.out.println("end");
                    break;
                }
                default:
                    System.out.println("unknown " + w[0]);
                    break;
            }
        }
    }

    private static String warm(int keys) throws Exception {
        for (int i = 1; i <= keys; i++) {
            call("k" + i, false);
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName pattern = new ObjectName("tripswitch:type=Breaker,name=fleet,*");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.queryNames(pattern, null).size() < keys && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        NotificationListener opened = (notification, handback) -> {
            if (notification instanceof AttributeChangeNotification && "OPEN".equals(((AttributeChangeNotification) notification).getNewValue())) {
                AttributeChangeNotification c = (AttributeChangeNotification) notification;
                OPENED_AT_MICROS.putIfAbsent((String) handback, micros());
            }
        };
        for (ObjectName name : server.queryNames(pattern, null)) {
            server.addNotificationListener(name, opened, null, ObjectName.unquote(name.getKeyProperty("key")));
        }
        return "warmed " + server.queryNames(pattern, null).size();
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
