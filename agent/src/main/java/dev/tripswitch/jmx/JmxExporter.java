package dev.tripswitch.jmx;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.LogLevel;
import dev.tripswitch.runtime.AgentStatus;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.weaving.WeaveReport;

/**
 * Puts the agent and every breaker on the platform MBean server, from its own daemon
 * thread and only when {@link #start()} is called (never in premain: application
 * servers install their own MBean server builder later). A name that is taken (a second
 * agent copy, a redeployed application) is logged and skipped.
 */
public final class JmxExporter implements BreakerRegistry.Listener {
    public static final String DOMAIN = "tripswitch";

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tripswitch-jmx");
        t.setDaemon(true);
        return t;
    });
    private final AgentStatus status;
    private final BreakerRegistry registry;
    private final WeaveReport report;
    private final Function<String, String> reload;
    private final AgentLog log;
    private final Map<CircuitBreaker, BreakerView> views = new ConcurrentHashMap<>();
    private volatile MBeanServer server;

    public JmxExporter(AgentStatus status, BreakerRegistry registry, WeaveReport report, Function<String, String> reload,
                       AgentLog log) {
        this.status = status;
        this.registry = registry;
        this.report = report;
        this.reload = reload;
        this.log = log;
    }

    /** Registers the agent MBean, then every breaker as it comes. */
    public void start() {
        executor.execute(() -> {
            try {
                server = ManagementFactory.getPlatformMBeanServer();
                register(new AgentView(status, registry, report, reload), new ObjectName(DOMAIN + ":type=Agent"));
                registry.addListener(this);
            } catch (Throwable e) {
                log.warn("JMX is not available: " + e + "; breakers still work");
            }
        });
    }

    public static ObjectName nameOf(String breaker, String key) throws MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Breaker,name=" + breaker + (key == null ? "" : ",key=" + ObjectName.quote(key)));
    }

    @Override
    public void added(BreakerRule rule, CircuitBreaker breaker) {
        executor.execute(() -> {
            try {
                BreakerView view = new BreakerView(breaker, nameOf(breaker.name(), breaker.key()),
                        () -> report.targets(rule.name()), executor);
                if (register(view, view.objectName())) {
                    views.put(breaker, view);
                    breaker.addListener(view);
                }
            } catch (Throwable e) {
                log.once(LogLevel.WARN, "jmx/" + breaker.name(), "cannot show breaker=" + breaker.name() + " in JMX: " + e);
            }
        });
    }

    @Override
    public void removed(CircuitBreaker breaker) {
        executor.execute(() -> {
            BreakerView view = views.remove(breaker);
            if (view != null) {
                breaker.removeListener(view);
                try {
                    server.unregisterMBean(view.objectName());
                } catch (Exception e) {
                    // already gone
                }
            }
        });
    }

    private boolean register(Object mbean, ObjectName name) throws Exception {
        try {
            server.registerMBean(mbean, name);
            return true;
        } catch (InstanceAlreadyExistsException e) {
            log.once(LogLevel.WARN, "jmx-clash/" + name, name + " is registered already (a second Tripswitch agent,"
                    + " or an application deployed again); this one is not shown in JMX");
            return false;
        }
    }
}
