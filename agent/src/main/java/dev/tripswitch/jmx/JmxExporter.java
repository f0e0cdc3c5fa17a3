package dev.tripswitch.jmx;

import java.lang.management.ManagementFactory;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
import dev.tripswitch.runtime.RuleBreakers;
import dev.tripswitch.weaving.WeaveReport;

/**
 * Puts the agent and every breaker on the platform MBean server, from its own daemon
 * thread and only when {@link #start()} is called (never in premain: application
 * servers install their own MBean server builder later). A name that is taken (a second
 * agent copy, a redeployed application) is logged and skipped.
 *
 * <p>Breakers come and go by the thousand when keys churn past {@code maxKeys}, and a reload
 * replaces a rule's breakers while calls still run. So the exporter keeps no queue of events:
 * a change only marks JMX as out of date (one flag, the calling thread pays nothing more), and
 * one pass at a time on the JMX thread makes the MBeans match the breakers in force, first
 * unregistering what left (a rule's replacement can then take its names), then registering
 * what came. A key evicted before a pass reached it is never registered, the work is bounded
 * by the breakers in force, and JMX shows exactly those (docs/jmx.md).
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
    /** A pass is queued or about to run: changes until it starts are covered by it. */
    private final AtomicBoolean passQueued = new AtomicBoolean();
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
        changed();
    }

    @Override
    public void removed(CircuitBreaker breaker) {
        changed();
    }

    /** Marks JMX out of date: queues one pass unless one is queued already. */
    private void changed() {
        if (server != null && !passQueued.get() && passQueued.compareAndSet(false, true)) {
            try {
                executor.execute(this::reconcile);
            } catch (RuntimeException e) {
                passQueued.set(false); // the executor is gone: the JVM is stopping
            }
        }
    }

    /**
     * The least time between two passes: while keys churn, a pass registers only keys that lived
     * this long (the others were evicted before JMX could show them anyway), and the JMX thread
     * takes a bounded share of the CPU the application needs.
     */
    private static final long PASS_GAP_NANOS = 200_000_000L;
    private long lastPassNanos = System.nanoTime() - PASS_GAP_NANOS;

    /** One pass: the MBeans made to match the breakers of the rules in force. */
    private void reconcile() {
        long wait = lastPassNanos + PASS_GAP_NANOS - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        lastPassNanos = System.nanoTime();
        passQueued.set(false); // a change from here on queues the next pass
        try {
            // one snapshot for both steps: a key evicted and made again meanwhile waits for the next pass
            Map<CircuitBreaker, BreakerRule> inForce = new IdentityHashMap<>();
            for (RuleBreakers rb : registry.rules()) {
                BreakerRule rule = rb.rule();
                for (CircuitBreaker b : rb.all()) {
                    inForce.put(b, rule);
                }
            }
            for (Iterator<Map.Entry<CircuitBreaker, BreakerView>> it = views.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<CircuitBreaker, BreakerView> e = it.next();
                if (!inForce.containsKey(e.getKey())) {
                    it.remove();
                    unregister(e.getKey(), e.getValue());
                }
            }
            for (Map.Entry<CircuitBreaker, BreakerRule> e : inForce.entrySet()) {
                if (!views.containsKey(e.getKey())) {
                    show(e.getValue(), e.getKey());
                }
            }
        } catch (Throwable e) {
            log.once(LogLevel.WARN, "jmx/pass", "JMX could not be brought up to date: " + e + "; the next change tries again");
        }
    }

    private void show(BreakerRule rule, CircuitBreaker breaker) {
        try {
            String name = rule.name();
            BreakerView view = new BreakerView(breaker, nameOf(breaker.name(), breaker.key()),
                    () -> report.targets(name), executor);
            if (register(view, view.objectName())) {
                views.put(breaker, view);
                breaker.addListener(view);
            }
        } catch (Throwable e) {
            log.once(LogLevel.WARN, "jmx/" + breaker.name(), "cannot show breaker=" + breaker.name() + " in JMX: " + e);
        }
    }

    private void unregister(CircuitBreaker breaker, BreakerView view) {
        breaker.removeListener(view);
        try {
            server.unregisterMBean(view.objectName());
        } catch (Exception e) {
            // already gone
        }
    }

    private boolean register(Object mbean, ObjectName name) throws Exception {
        try {
            server.registerMBean(mbean, name);
            return true;
        } catch (InstanceAlreadyExistsException e) {
            for (BreakerView ours : views.values()) {
                if (ours.objectName().equals(name)) {
                    changed(); // our own, about to go (a key made again): the next pass shows the new one
                    return false;
                }
            }
            log.once(LogLevel.WARN, "jmx-clash/" + name, name + " is registered already (a second Tripswitch agent,"
                    + " or an application deployed again); this one is not shown in JMX");
            return false;
        }
    }
}
