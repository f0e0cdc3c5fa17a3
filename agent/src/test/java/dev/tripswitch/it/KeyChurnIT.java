package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys that churn past {@code maxKeys} with JMX on, and reloads while calls run: JMX shows
 * exactly the breakers in force, and what the agent keeps per key stays bounded.
 */
class KeyChurnIT {
    private static final String RULES = """
            version: 1
            breakers:
              - name: churn
                match: {type: com.acme.Churn, methods: [call]}
                key: arg0
                maxKeys: 1000
            """;

    /** 200,000 distinct keys, one call each, a third failing, in 256 MiB of heap with JMX registering as they come. */
    @Test
    void churningKeysWithJmxOnFinishInASmallHeapAndJmxShowsAtMostMaxKeys() throws Exception {
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), Env.rules(RULES).toString(), "com.acme.TargetApp", List.of(),
                List.of("-Xmx256m")).awaitReady()) {
            MBeanServerConnection jmx = app.jmx(); // JMX on before the churn starts
            ChildJvm.await("the agent's MBean", () -> registered(jmx, "tripswitch:type=Agent") == 1);
            String r = app.send("churn 200000");
            assertTrue(r.startsWith("ok "), r + "\n" + app.stderr());
            System.out.println("200,000 churning keys with JMX on: " + r.substring(3) + " ms");
            ChildJvm.await("JMX shows the keys in force, at most maxKeys", () -> {
                int shown = registered(jmx, "tripswitch:type=Breaker,name=churn,*");
                return shown > 900 && shown <= 1000;
            });
            assertFalse(app.stderr().contains("OutOfMemoryError"), app.stderr());
        }
    }

    /** 150 reloads that replace and remove a rule while a thread calls it: JMX shows exactly the breakers in force. */
    @Test
    void reloadsLeaveExactlyTheBreakersInForceInJmx() throws Exception {
        Path rules = Env.rules(RULES);
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", List.of(),
                List.of()).awaitReady()) {
            MBeanServerConnection jmx = app.jmx();
            ChildJvm.await("the agent's MBean", () -> registered(jmx, "tripswitch:type=Agent") == 1);
            assertTrue(app.send("background-churn on").startsWith("ok"));
            for (int i = 0; i < 150; i++) {
                // alternately a rule of 5 keys, then the same rule with other settings (replaced), then without it
                String next = switch (i % 3) {
                    case 0 -> RULES.replace("maxKeys: 1000", "maxKeys: 5");
                    case 1 -> RULES.replace("maxKeys: 1000", "maxKeys: 5").replace("methods: [call]", "methods: [c*]");
                    default -> "version: 1\nbreakers: []\n";
                };
                Files.writeString(rules, next);
                String answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
                assertTrue(answer.startsWith("reloaded"), answer);
            }
            Files.writeString(rules, RULES.replace("maxKeys: 1000", "maxKeys: 5"));
            assertTrue(((String) jmx.invoke(Jmx.agent(), "reload", null, null)).startsWith("reloaded"));
            ChildJvm.await("JMX shows the 5 keys in force", () -> registered(jmx, "tripswitch:type=Breaker,*") == 5);
            assertTrue(app.send("background-churn off").startsWith("ok"));
            assertFalse(app.stderr().contains("is registered already"), app.stderr());
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    private static int registered(MBeanServerConnection jmx, String pattern) {
        try {
            Set<ObjectName> names = jmx.queryNames(new ObjectName(pattern), null);
            return names.size();
        } catch (Exception e) {
            return -1;
        }
    }
}
