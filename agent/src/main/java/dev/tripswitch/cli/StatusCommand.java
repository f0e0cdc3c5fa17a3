package dev.tripswitch.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/** {@code status <pid>}: a table of the JVM's breakers, read over JMX. */
final class StatusCommand {
    private static final String[] ATTRIBUTES = {"State", "FailureRate", "TotalCalls", "TotalFailures",
        "TotalRejected", "LatencyP99Millis", "RetryAfterMillis", "StateReason"};

    private StatusCommand() {
    }

    static int run(String pid, PrintStream out, PrintStream err) throws Exception {
        return Jvms.withJmx(pid, jmx -> {
            Set<ObjectName> names = jmx.queryNames(new ObjectName("tripswitch:type=Breaker,*"), null);
            if (names.isEmpty()) {
                boolean agent = jmx.isRegistered(new ObjectName("tripswitch:type=Agent"));
                err.println("tripswitch: no breakers in " + pid + (agent ? " (the agent runs; its rules matched"
                        + " nothing that was called yet)" : " (the agent is not loaded: attach " + pid + " rules.yml)"));
                return agent ? 0 : 1;
            }
            print(jmx, names, out);
            return 0;
        });
    }

    private static void print(MBeanServerConnection jmx, Set<ObjectName> names, PrintStream out) throws Exception {
        List<ObjectName> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing(ObjectName::getCanonicalName));
        int nameWidth = "BREAKER".length();
        int keyWidth = "KEY".length();
        for (ObjectName name : sorted) { // columns as wide as the longest name and key (http-url-connection)
            nameWidth = Math.max(nameWidth, name.getKeyProperty("name").length());
            String key = name.getKeyProperty("key");
            keyWidth = Math.max(keyWidth, key == null ? 1 : ObjectName.unquote(key).length());
        }
        String row = "%-" + nameWidth + "s %-" + keyWidth + "s %-11s %8s %9s %9s %9s %9s %9s  %s%n";
        out.printf(Locale.ROOT, row, "BREAKER", "KEY", "STATE",
                "FAILURE%", "CALLS", "FAILED", "REJECTED", "P99 MS", "RETRY MS", "REASON");
        for (ObjectName name : sorted) {
            AttributeList values = jmx.getAttributes(name, ATTRIBUTES);
            Object[] v = new Object[ATTRIBUTES.length];
            for (int i = 0; i < v.length && i < values.size(); i++) {
                v[i] = values.asList().get(i).getValue();
            }
            String key = name.getKeyProperty("key");
            double rate = v[1] instanceof Double ? ((Double) v[1]) : -1;
            double p99 = v[5] instanceof Double ? ((Double) v[5]) : -1;
            out.printf(Locale.ROOT, row, name.getKeyProperty("name"),
                    key == null ? "-" : ObjectName.unquote(key), v[0], rate < 0 ? "-" : String.format(Locale.ROOT, "%.1f", rate),
                    v[2], v[3], v[4], p99 < 0 ? "-" : String.format(Locale.ROOT, "%.1f", p99), v[6], v[7]);
        }
    }
}
