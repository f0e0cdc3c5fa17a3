package com.example.storefront;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.management.AttributeChangeNotification;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The circuit breakers of this JVM as an operator's tool sees them: over JMX, by the names
 * the agent gives them ({@code tripswitch:type=Breaker,...}). The storefront does not depend
 * on the agent; without it, this finds nothing.
 */
final class BreakerWatch {
    /** One change of state, as the notification reported it. */
    record Change(double atSeconds, String name, String breaker, String from, String to, String reason) {
    }

    /** A breaker's numbers at one moment. */
    record Sample(String state, long calls, long failures, long rejected) {
    }

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Timeline timeline;
    private final Set<ObjectName> watched = ConcurrentHashMap.newKeySet();
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> statesBySecond = new ConcurrentHashMap<>();
    private final Consumer<Change> onChange;

    BreakerWatch(Timeline timeline, Consumer<Change> onChange) {
        this.timeline = timeline;
        this.onChange = onChange;
    }

    /** Finds breakers that appeared since the last look (keyed ones appear on first use) and listens to them. */
    void discover() {
        try {
            for (ObjectName name : server.queryNames(new ObjectName("tripswitch:type=Breaker,*"), null)) {
                if (label(name).contains("[")) {
                    continue; // not one of the storefront's dependencies (H2's own management database)
                }
                if (watched.add(name)) {
                    server.addNotificationListener(name, (n, handback) -> {
                        if (n instanceof AttributeChangeNotification c) {
                            Change change = new Change(timeline.elapsedSeconds(), name.getKeyProperty("name"), label(name),
                                    String.valueOf(c.getOldValue()), String.valueOf(c.getNewValue()), c.getMessage());
                            changes.add(change);
                            onChange.accept(change);
                        }
                    }, null, null);
                }
            }
        } catch (Exception e) {
            // JMX is a view; the demo goes on without it
        }
    }

    /** The numbers of every breaker now, by label; also remembered per second for the report. */
    Map<String, Sample> sample(int second) {
        Map<String, Sample> out = new TreeMap<>();
        for (ObjectName name : watched) {
            try {
                Sample s = new Sample((String) server.getAttribute(name, "State"),
                        (Long) server.getAttribute(name, "TotalCalls"), (Long) server.getAttribute(name, "TotalFailures"),
                        (Long) server.getAttribute(name, "TotalRejected"));
                out.put(label(name), s);
                List<String> lane = statesBySecond.computeIfAbsent(label(name), k -> new ArrayList<>());
                synchronized (lane) {
                    while (lane.size() < second) {
                        lane.add(lane.isEmpty() ? "CLOSED" : lane.get(lane.size() - 1));
                    }
                    lane.add(s.state());
                }
            } catch (Exception e) {
                // evicted meanwhile
            }
        }
        return out;
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    Map<String, List<String>> lanes() {
        return new TreeMap<>(statesBySecond);
    }

    /**
     * {@code payments} for the breaker of a remote address; {@code database[...]} for another key of
     * the same rule (H2's TCP server opens an in-memory database of its own through JDBC, too).
     */
    private static String label(ObjectName name) {
        String key = name.getKeyProperty("key");
        String unquoted = key == null ? null : ObjectName.unquote(key);
        return unquoted == null || unquoted.matches("[\\w.-]+:\\d+") ? name.getKeyProperty("name")
                : name.getKeyProperty("name") + "[" + unquoted + "]";
    }
}
