package dev.tripswitch.micrometer;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.State;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.runtime.BreakerRegistry;

/**
 * Every breaker and key in the application's own Micrometer registries: when the application
 * has Micrometer (Spring Boot always does, and feeds {@code Metrics.globalRegistry} from its
 * registries by default), its global registry gets each breaker's state, calls by kind,
 * retries, calls in flight, failure rate and latency, tagged {@code name} and {@code key}
 * (docs/http.md, "Micrometer"). Found the way the agent finds the application's SLF4J: among
 * the classes loaded, through their own class loader, and called reflectively; the agent
 * bundles no Micrometer. The meters read the breakers when scraped (function counters and
 * gauges), so a call costs nothing more; a key that leaves ({@code maxKeys}) or a rule a reload
 * removes takes its meters with it.
 */
public final class MicrometerBinder {
    /**
     * How often to look for Micrometer until the application has loaded it: every 5 s for the
     * first two minutes (an application's start), then every minute; each look is one pass over
     * the loaded classes' names.
     */
    static final long LOOK_EVERY_SECONDS = 5;
    static final long LOOK_LATER_SECONDS = 60;
    static final int EARLY_LOOKS = 24;
    /** How often the meters are matched to the breakers that exist (new keys, keys gone, reloads). */
    static final long RECONCILE_EVERY_MILLIS = 1000;
    private static final String METRICS = "io.micrometer.core.instrument.Metrics";

    private final BreakerRegistry breakers;
    private final Object registry;
    private final Api api;
    private final AgentLog log;
    /** The meters of each breaker bound; only the timer thread changes it. */
    private final Map<CircuitBreaker, List<Object>> meters = new java.util.IdentityHashMap<>();

    private MicrometerBinder(BreakerRegistry breakers, Object registry, Api api, AgentLog log) {
        this.breakers = breakers;
        this.registry = registry;
        this.api = api;
        this.log = log;
    }

    /**
     * Looks for Micrometer every few seconds on {@code timer} until the application has loaded
     * it, then binds every breaker of {@code breakers} (and those made later) to its global
     * registry.
     */
    public static void start(Instrumentation inst, ScheduledExecutorService timer, BreakerRegistry breakers,
                             AgentLog log) {
        Runnable look = new Runnable() {
            private int looks;

            @Override
            public void run() {
                Class<?> metrics = dev.tripswitch.instrumentation.Reflect.loadedByApplication(inst, METRICS);
                if (metrics == null) {
                    timer.schedule(this, ++looks < EARLY_LOOKS ? LOOK_EVERY_SECONDS : LOOK_LATER_SECONDS,
                            TimeUnit.SECONDS);
                    return;
                }
                try {
                    MicrometerBinder binder = bind(metrics, breakers, log);
                    timer.scheduleWithFixedDelay(binder::reconcile, RECONCILE_EVERY_MILLIS, RECONCILE_EVERY_MILLIS,
                            TimeUnit.MILLISECONDS);
                    log.info("micrometer: breakers are meters of the application's global registry (tripswitch.*)");
                } catch (Throwable e) {
                    log.warn("micrometer: cannot register meters (" + e + "); JMX and the endpoint still show them");
                }
            }
        };
        timer.schedule(look, 0, TimeUnit.SECONDS);
    }

    /** Binds the breakers to the global registry of the Micrometer whose {@code Metrics} class this is. */
    static MicrometerBinder bind(Class<?> metrics, BreakerRegistry breakers, AgentLog log)
            throws ReflectiveOperationException {
        MicrometerBinder binder = new MicrometerBinder(breakers, metrics.getField("globalRegistry").get(null),
                new Api(metrics.getClassLoader()), log);
        binder.reconcile();
        return binder;
    }

    /**
     * Gives each breaker that exists its meters and takes those of breakers gone, on the timer
     * thread: a new key's first call, on the application's thread, registers nothing.
     */
    void reconcile() {
        try {
            java.util.Set<CircuitBreaker> live = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            live.addAll(breakers.all());
            for (CircuitBreaker b : live) {
                if (!meters.containsKey(b)) {
                    added(b);
                }
            }
            for (java.util.Iterator<Map.Entry<CircuitBreaker, List<Object>>> i = meters.entrySet().iterator();
                 i.hasNext();) {
                Map.Entry<CircuitBreaker, List<Object>> e = i.next();
                if (!live.contains(e.getKey())) {
                    remove(e.getValue());
                    i.remove();
                }
            }
        } catch (Throwable e) {
            log.warn("micrometer: " + e);
        }
    }

    private void added(CircuitBreaker b) {
        List<Object> made = new ArrayList<>();
        try {
            String[] tags = {"name", b.name(), "key", b.key() == null ? "" : b.key()};
            for (State s : State.values()) {
                made.add(api.gauge.register(registry, "tripswitch.state", "Breaker state: 1 for the current state", b,
                        br -> br.state() == s ? 1 : 0, tags, "state", s.name()));
            }
            made.add(api.counter.register(registry, "tripswitch.calls", "Calls by outcome", b, br -> br.metrics().totalSuccesses(), tags,
                    "kind", "success"));
            made.add(api.counter.register(registry, "tripswitch.calls", "Calls by outcome", b, br -> br.metrics().totalFailures(), tags,
                    "kind", "failure"));
            made.add(api.counter.register(registry, "tripswitch.calls", "Calls by outcome", b, br -> br.metrics().totalIgnored(), tags,
                    "kind", "ignored"));
            made.add(api.counter.register(registry, "tripswitch.calls", "Calls by outcome", b, br -> br.metrics().totalRejected(), tags,
                    "kind", "rejected"));
            made.add(api.counter.register(registry, "tripswitch.calls", "Calls by outcome", b,
                    br -> br.metrics().totalBulkheadRejected(), tags, "kind", "bulkhead"));
            made.add(api.counter.register(registry, "tripswitch.slow.calls", "Calls slower than slowCall (also counted as success or"
                    + " failure)", b, br -> br.metrics().totalSlowCalls(), tags));
            made.add(api.counter.register(registry, "tripswitch.retries", "Failed calls tried again by the rule's retry", b,
                    br -> br.metrics().totalRetries(), tags));
            made.add(api.gauge.register(registry, "tripswitch.in.flight", "Calls holding a bulkhead slot", b, br -> br.metrics().inFlight(),
                    tags));
            made.add(api.gauge.register(registry, "tripswitch.failure.rate", "Percent of failed calls in the window (NaN below"
                    + " minimumCalls)", b, br -> rate(br.metrics().failureRate()), tags));
            made.add(api.gauge.register(registry, "tripswitch.call.duration.p99", "Recent 99th percentile of call durations, seconds"
                    + " (NaN when none was measured)", b, br -> seconds(br.metrics().latencyP99Millis()), tags));
            meters.put(b, made);
        } catch (Throwable e) {
            remove(made);
            meters.put(b, List.of()); // tried once: not again every second
            log.warn("micrometer: cannot register the meters of " + b.name() + " (" + e + ")");
        }
    }

    private void remove(List<Object> made) {
        for (Object meter : made) {
            try {
                api.remove.invoke(registry, meter);
            } catch (Throwable e) {
                // the registry keeps a meter that reads NaN once its breaker is gone
            }
        }
    }

    private static double rate(double percent) {
        return percent < 0 ? Double.NaN : percent;
    }

    private static double seconds(double millis) {
        return millis < 0 ? Double.NaN : millis / 1000.0;
    }

    /** Micrometer's builders, seen from the application's class loader. */
    private static final class Api {
        private final MeterType gauge;
        private final MeterType counter;
        private final Method remove;

        Api(ClassLoader loader) throws ReflectiveOperationException {
            Class<?> registryType = Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader);
            gauge = new MeterType(Class.forName("io.micrometer.core.instrument.Gauge", false, loader), registryType);
            counter = new MeterType(Class.forName("io.micrometer.core.instrument.FunctionCounter", false, loader),
                    registryType);
            remove = registryType.getMethod("remove", Class.forName("io.micrometer.core.instrument.Meter", false, loader));
        }
    }

    /** A meter type read through a function ({@code Gauge}, {@code FunctionCounter}): its builder's methods. */
    private static final class MeterType {
        private final Method builder;
        private final Method tags;
        private final Method description;
        private final Method register;

        MeterType(Class<?> type, Class<?> registryType) throws ReflectiveOperationException {
            builder = type.getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
            tags = builder.getReturnType().getMethod("tags", String[].class);
            description = builder.getReturnType().getMethod("description", String.class);
            register = builder.getReturnType().getMethod("register", registryType);
        }

        Object register(Object registry, String name, String help, CircuitBreaker b,
                        ToDoubleFunction<CircuitBreaker> value, String[] common, String... more)
                throws ReflectiveOperationException {
            Object built = builder.invoke(null, name, b, value);
            String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
            System.arraycopy(more, 0, all, common.length, more.length);
            tags.invoke(built, (Object) all);
            description.invoke(built, help);
            return register.invoke(built, registry);
        }
    }
}
