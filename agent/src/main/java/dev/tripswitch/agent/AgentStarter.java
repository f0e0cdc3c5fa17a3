package dev.tripswitch.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tripswitch.instrumentation.Presets;
import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.http.StatusServer;
import dev.tripswitch.jmx.JmxExporter;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.log.TransitionLog;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.Problem;
import dev.tripswitch.rules.RulesException;
import dev.tripswitch.rules.RulesFile;
import dev.tripswitch.rules.RulesLoader;
import dev.tripswitch.runtime.AgentStatus;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.weaving.WeaveReport;
import dev.tripswitch.weaving.Weaver;

/**
 * Wires the agent once the bridge is on the bootstrap class path: rules, then breakers
 * and their bindings, then weaving; JMX and the timer start on daemon threads. A rules
 * file that cannot be used is reported once and the application runs without breakers
 * (or, with {@code strict}, the JVM exits with status 1).
 */
public final class AgentStarter {
    /**
     * The longest the MBeans wait to be registered (system property {@code tripswitch.jmx.delay},
     * ms): they are registered as soon as the JVM's platform MBean server exists (the
     * application, JConsole or the command line created it), and else after this long, so an
     * application that never uses JMX does not pay for creating it (~100 ms of CPU, and
     * hundreds of classes) while it starts.
     */
    private static final long JMX_DELAY_MILLIS = Long.getLong("tripswitch.jmx.delay", 10_000L);
    /** How often the agent looks whether the platform MBean server exists yet. */
    private static final long JMX_LOOK_MILLIS = 250;
    private static final long REFRESH_MILLIS = 250;

    private AgentStarter() {
    }

    /**
     * Called by {@link Premain}, reflectively: this class belongs to the agent's own class loader
     * ({@link AgentClassLoader}) and {@code Premain} to the system class loader. {@link Launch}
     * carries {@code BootTier}'s answer too, for the same reason.
     */
    public static void start(Launch launch) {
        String args = launch.args();
        Instrumentation inst = launch.inst();
        boolean attached = launch.attached();
        String asJar = launch.bootAsJar();
        AgentArguments arguments = AgentArguments.parse(args, System.getenv("TRIPSWITCH_RULES"));
        AgentLog log = new AgentLog(inst);
        if (Dispatcher.isInstalled()) { // attached again: the running agent puts this file in force
            String done = Dispatcher.reload(arguments.rules().toAbsolutePath().toString());
            if (done == null) {
                log.warn("already running in this JVM; this copy (" + arguments.rules() + ") stays out");
            }
            return;
        }
        if (asJar != null) {
            log.warn("the bridge went on the bootstrap class path as a jar (" + asJar + "); the JVM therefore keeps"
                    + " class-data sharing off for the application's classes, as its own warning at start says");
        }
        AgentStatus status = new AgentStatus(arguments.rules().toString());
        System.setProperty(AgentStatus.RUNNING_PROPERTY, arguments.rules().toAbsolutePath().toString());
        RulesFile rules;
        try {
            rules = RulesLoader.load(arguments.rules(), Presets.catalog());
            status.loaded(System.currentTimeMillis());
        } catch (RulesException e) {
            List<String> lines = new ArrayList<>();
            lines.add("tripswitch: " + arguments.rules() + " cannot be used (" + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "):");
            for (Problem p : e.problems()) {
                lines.add(p.toString());
            }
            lines.add(arguments.strict() ? "tripswitch: strict mode: exiting with status 1"
                    : "tripswitch: the application runs without breakers; check the file with"
                    + " 'java -jar tripswitch-agent.jar check " + arguments.rules() + "'");
            log.always(lines);
            if (arguments.strict()) {
                System.exit(1);
            }
            rules = RulesFile.empty(arguments.rules().toString());
            status.failed(e.getMessage());
        }
        log.setLevel(rules.agent().log());
        for (Problem notice : rules.notices()) {
            log.warn(notice.toString());
        }

        Clock clock = Clock.system();
        BreakerRegistry registry = new BreakerRegistry(clock);
        registry.addTransitionListener(new TransitionLog(log));
        List<BreakerRule> inForce = dev.tripswitch.suggest.Discovery.inForce(rules);
        if (!inForce.isEmpty()) {
            dev.tripswitch.weaving.WarmUp.start(); // ASM loads beside the application's start, not in its way
        }
        WeaveReport report = new WeaveReport(List.of()); // the rule set names the rules in force
        RuleSet ruleSet = new RuleSet(inst, registry, log, clock, report, new WeaveErrors(log));
        chaos(rules, log);
        status.chaosAllowed(rules.agent().chaos());
        status.discovering(rules.agent().discover());
        ruleSet.apply(inForce, List.of()); // bindings first, then the classes are woven
        if (rules.agent().cluster() != null) {
            joinCluster(rules.agent().cluster(), registry, status, log);
        }
        Reloader reloader = new Reloader(arguments.rules(), ruleSet, registry, status, log);
        Dispatcher.reloadHook(reloader);
        Thread views = new Thread(new Views(arguments, rules, registry, reloader, status, report, log, attached, inst),
                "tripswitch-start");
        views.setDaemon(true);
        views.start(); // the application's start does not wait for JMX, the endpoint or the timers
    }

    /** {@code agent.chaos}: on, every breaker with a {@code chaos:} block injects faults, and the log says so first. */
    private static void chaos(dev.tripswitch.rules.RulesFile rules, AgentLog log) {
        List<String> drilled = new ArrayList<>();
        for (BreakerRule rule : rules.breakers()) {
            if (rule.chaos() != null) {
                drilled.add(rule.name());
            }
        }
        Dispatcher.chaos(rules.agent().chaos());
        if (rules.agent().chaos()) {
            log.warn("chaos is ON (agent.chaos: true): " + (drilled.isEmpty() ? "no breaker has a chaos block"
                    : String.join(", ", drilled) + " inject failures and latency, counted as real outcomes")
                    + "; switch it off at once with JMX tripswitch:type=Agent ChaosEnabled=false");
        }
    }

    /**
     * {@code agent.cluster}: the only path that loads the Redis client. Reads the namespace's
     * state before the application's first call; without Redis the breakers act locally.
     */
    private static void joinCluster(dev.tripswitch.rules.ClusterSettings cluster, BreakerRegistry registry,
                                    AgentStatus status, AgentLog log) {
        try {
            status.cluster(dev.tripswitch.cluster.ClusterSync.start(cluster, registry, log));
        } catch (Throwable e) {
            log.error("cluster: could not start (" + e + "); breakers act locally");
        }
    }

    /** Weaving failures, in the log: a matched type that could not be woven is worth a warning. */
    private static final class WeaveErrors implements Weaver.ErrorHandler {
        private final AgentLog log;

        WeaveErrors(AgentLog log) {
            this.log = log;
        }

        @Override
        public void onError(String type, boolean matched, Throwable error) {
            if (matched) {
                log.warn("cannot weave " + type + ": " + error + "; its calls run without a breaker");
            } else {
                log.debug("cannot match " + type + ": " + error);
            }
        }

        @Override
        public void onTimeoutIgnored(String rule, String method, String returnType) {
            log.warn("breaker=" + rule + " timeout does not apply to " + method + ": it returns " + returnType
                    + ", not a future, and the agent never interrupts a thread; use slowCall to trip on slow calls"
                    + " and the client's own timeouts to end them");
        }

        @Override
        public void onCannotJudge(String rule, String method, String returnType) {
            if (!returnType.startsWith("returns ")) { // woven code cannot go around it (jsr/ret)
                log.warn("breaker=" + rule + " cannot judge " + method + ": it " + returnType
                        + "; the method is left unguarded");
                return;
            }
            log.warn("breaker=" + rule + " cannot judge " + method + ": it " + returnType + ", whose outcome"
                    + " arrives after it returns; the method is left unguarded (match the method that makes the call,"
                    + " or one returning a CompletableFuture, Mono or Flux)");
        }
    }

    /**
     * Starts {@code jmx} once the platform MBean server exists, or after {@code atMostMillis}.
     * {@link javax.management.MBeanServerFactory#findMBeanServer} lists it without creating it.
     */
    private static void registerWhenJmxIsUp(ScheduledExecutorService timer, JmxExporter jmx, long atMostMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(atMostMillis);
        Runnable look = new Runnable() {
            @Override
            public void run() {
                boolean up;
                try {
                    up = !javax.management.MBeanServerFactory.findMBeanServer(null).isEmpty();
                } catch (RuntimeException e) {
                    up = true; // cannot tell: register as before
                }
                if (up || System.nanoTime() - deadline >= 0) {
                    jmx.start();
                } else {
                    timer.schedule(this, JMX_LOOK_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        };
        timer.schedule(look, 0, TimeUnit.MILLISECONDS);
    }

    /** What runs beside the application once the weaving is in place: timers, JMX, the endpoint, reload. */
    private static final class Views implements Runnable {
        private final AgentArguments arguments;
        private final RulesFile rules;
        private final BreakerRegistry registry;
        private final Reloader reloader;
        private final AgentStatus status;
        private final WeaveReport report;
        private final AgentLog log;
        private final boolean attached;
        private final java.lang.instrument.Instrumentation inst;

        private Views(AgentArguments arguments, RulesFile rules, BreakerRegistry registry, Reloader reloader, AgentStatus status, WeaveReport report, AgentLog log, boolean attached, java.lang.instrument.Instrumentation inst) {
            this.inst = inst;
            this.arguments = arguments;
            this.rules = rules;
            this.registry = registry;
            this.reloader = reloader;
            this.status = status;
            this.report = report;
            this.log = log;
            this.attached = attached;
        }

        public RulesFile rules() {
            return rules;
        }

        public AgentLog log() {
            return log;
        }

        public boolean attached() {
            return attached;
        }

        @Override
        public void run() {
            try {
                ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "tripswitch-timer");
                    t.setDaemon(true);
                    return t;
                });
                JmxExporter jmx = new JmxExporter(status, registry, report, reloader, log);
                registerWhenJmxIsUp(timer, jmx, attached ? 0 : JMX_DELAY_MILLIS);
                if (rules.agent().http() != null) {
                    new StatusServer(registry, rules.agent().http(), log, status).start();
                }
                timer.scheduleWithFixedDelay(registry::refreshAll, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
                if (rules.agent().micrometer() && inst != null) {
                    dev.tripswitch.micrometer.MicrometerBinder.start(inst, timer, registry, log);
                }
                if (rules.agent().reload()) {
                    reloader.reloadIfChanged(); // remember the file as loaded
                    timer.scheduleWithFixedDelay(reloader::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
                }
                log.info("started" + (attached ? " (attached)" : "") + ": " + rules.breakers().size() + " breaker rule"
                        + (rules.breakers().size() == 1 ? "" : "s") + " from " + arguments.rules()
                        + "; classes are woven as they load");
            } catch (Throwable e) {
                log.error("could not start its views (JMX, timers, endpoint): " + e + "; breakers work without them");
            }
        }
    }
}
