package dev.tripswitch.cli;

import java.io.IOException;
import java.util.List;
import java.util.Properties;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

/** The JVMs of this host, reached the way JConsole reaches them: the Attach API and the local JMX agent. */
final class Jvms {
    private Jvms() {
    }

    static List<VirtualMachineDescriptor> list() {
        return VirtualMachine.list();
    }

    /** Runs {@code work} with a JMX connection to the JVM {@code pid}, starting its local management agent if needed. */
    static <T> T withJmx(String pid, JmxWork<T> work) throws Exception {
        VirtualMachine vm = attach(pid);
        String address;
        boolean agent;
        try {
            address = vm.startLocalManagementAgent();
            agent = vm.getSystemProperties().getProperty(dev.tripswitch.runtime.AgentStatus.RUNNING_PROPERTY) != null;
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            javax.management.MBeanServerConnection jmx = connector.getMBeanServerConnection();
            if (agent) { // the agent registers its MBeans once the JVM's MBean server exists: starting it is ours
                javax.management.ObjectName name = new javax.management.ObjectName("tripswitch:type=Agent");
                for (int i = 0; i < 40 && !jmx.isRegistered(name); i++) {
                    Thread.sleep(100);
                }
            }
            return work.run(jmx);
        }
    }

    static VirtualMachine attach(String pid) throws IOException {
        try {
            return VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid + ": " + e.getMessage()
                    + " (is it a JVM of the same user? 'java -jar tripswitch-agent.jar list' shows them)", e);
        }
    }

    /** The system properties of a JVM, read over the Attach API (no JMX needed). */
    static Properties properties(String pid) throws IOException {
        VirtualMachine vm = attach(pid);
        try {
            return vm.getSystemProperties();
        } finally {
            vm.detach();
        }
    }

    /** Work to do over a JMX connection. */
    @FunctionalInterface
    interface JmxWork<T> {
        T run(MBeanServerConnection connection) throws Exception;
    }
}
