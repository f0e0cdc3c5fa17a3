package dev.tripswitch.it;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/** Reading breakers over a JMX connection, by the names docs/jmx.md gives them. */
final class Jmx {
    private Jmx() {
    }

    static ObjectName breaker(String name) throws Exception {
        return new ObjectName("tripswitch:type=Breaker,name=" + name);
    }

    static ObjectName breaker(String name, String key) throws Exception {
        return new ObjectName("tripswitch:type=Breaker,name=" + name + ",key=" + ObjectName.quote(key));
    }

    static ObjectName agent() throws Exception {
        return new ObjectName("tripswitch:type=Agent");
    }

    static Object get(MBeanServerConnection c, ObjectName name, String attribute) {
        try {
            return c.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + name + " " + attribute + ": " + e, e);
        }
    }

    /**
     * The breaker's state; null while JMX does not show it yet (the agent registers MBeans on its
     * own thread, after the breaker exists), so a test waiting for a state keeps waiting.
     */
    static String state(MBeanServerConnection c, ObjectName name) {
        try {
            return (String) c.getAttribute(name, "State");
        } catch (javax.management.InstanceNotFoundException e) {
            return null;
        } catch (Exception e) {
            throw new AssertionError("cannot read " + name + " State: " + e, e);
        }
    }

    /** Waits for an MBean to be registered. */
    static void awaitRegistered(MBeanServerConnection c, ObjectName name) throws InterruptedException {
        ChildJvm.await(name + " to be registered", () -> {
            try {
                return c.isRegistered(name);
            } catch (Exception e) {
                return false;
            }
        });
    }
}
