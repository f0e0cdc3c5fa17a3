package com.example.storefront;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo: starts the storefront's dependencies on loopback, sends steady traffic, plays
 * the scenario, shows a live line per second (each breaker's state and
 * calls/failures/rejected, the storefront's orders and p99 latency) and every transition
 * as it happens, then prints a summary and writes an HTML report.
 *
 * <pre>
 * --short            the 28-second version of the story (CI runs it)
 * --check            exit 1 unless the payments and database breakers tripped and recovered
 * --out DIR          where the runs and report.html go (default demo-app/target/demo)
 * --report           only write report.html again from the runs saved there
 * --boot             start the storefront and its dependencies, place one order, exit (start-up timing)
 * --fleet-leader F   ./demo --fleet: run the story and hand the dependencies' addresses to a second
 *                    storefront through file F
 * --fleet-follower F the second storefront: its own customers, the first one's dependencies, breakers
 *                    shared through the cluster
 * </pre>
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger("storefront");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean shortRun = false;
        boolean check = false;
        boolean bootOnly = false;
        Path fleetLeader = null;
        Path out = Path.of("demo-app/target/demo");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> shortRun = true;
                case "--check" -> check = true;
                case "--boot" -> bootOnly = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--fleet-leader" -> fleetLeader = Path.of(args[++i]);
                case "--fleet-follower" -> {
                    Fleet.follow(Path.of(args[++i]), out);
                    return;
                }
                case "--report" -> {
                    System.out.println("report: " + Report.html(out).toAbsolutePath().toUri());
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (use --short, --check, --out DIR, --report, --boot)");
                    System.exit(2);
                }
            }
        }
        boolean withAgent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("tripswitch"));
        String label = fleetLeader != null ? "fleet-a" : withAgent ? "with-agent" : "without-agent";

        System.setProperty("sun.net.httpserver.nodelay", "true"); // else the JDK's server waits on delayed ACKs
        Server h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        FaultProxy database = new FaultProxy(h2.getPort());
        HttpService payments = new HttpService("payments");
        HttpService inventory = new HttpService("inventory");
        Storefront store = new Storefront(inventory.url("/stock"), payments.url("/charge"),
                "jdbc:h2:tcp://127.0.0.1:" + database.port() + "/mem:shop;DB_CLOSE_DELAY=-1");
        store.createSchema();
        if (bootOnly) { // for start-up measurements: up, one order, gone
            System.out.println("booted, first order " + store.placeOrder());
            System.exit(0);
        }

        List<Scenario.Phase> scenario = Scenario.phases(shortRun);
        if (fleetLeader != null) { // the second storefront uses these dependencies, and joins before the story starts
            Fleet.lead(fleetLeader, inventory.url("/stock"), payments.url("/charge"),
                    "jdbc:h2:tcp://127.0.0.1:" + database.port() + "/mem:shop;DB_CLOSE_DELAY=-1", shortRun);
        }
        Timeline timeline = new Timeline();
        BreakerWatch watch = new BreakerWatch(timeline, c -> System.out.printf(Locale.ROOT,
                "  >> %5.1fs %-9s %s -> %s  (%s)%n", c.atSeconds(), c.breaker(), c.from(), c.to(), c.reason()));
        List<Scenario.Phase> phases = scenario;
        int end = phases.get(phases.size() - 1).atSecond();

        System.out.println("Storefront demo " + label.replace('-', ' ') + " (pid " + ProcessHandle.current().pid()
                + "; watch it in JConsole: jconsole " + ProcessHandle.current().pid() + ", MBeans tab, tripswitch)");
        System.out.println("payments " + payments.url("") + " (HttpClient), inventory " + inventory.url("")
                + " (HttpURLConnection), database 127.0.0.1:" + database.port() + " (JDBC, H2)");
        System.out.println("each second: breaker state calls/failures/rejected | orders: placed/degraded/failed, p99");
        LOG.info("{} seconds of traffic, 8 customers", end);

        Traffic traffic = new Traffic(store, timeline, 8);
        traffic.start();
        Scenario.Phase current = null;
        for (int s = 0; s < end; s++) {
            Scenario.Phase phase = Scenario.at(phases, s);
            if (phase != current) {
                payments.set(phase.payments());
                inventory.set(phase.inventory());
                database.set(phase.database());
                System.out.printf(Locale.ROOT, "== %ds %s: payments %s, inventory %s, database %s%n", s, phase.title(),
                        describe(phase.payments()), describe(phase.inventory()), describe(phase.database()));
                current = phase;
            }
            long wait = (long) ((s + 1 - timeline.elapsedSeconds()) * 1000);
            if (wait > 0) {
                Thread.sleep(wait);
            }
            watch.discover();
            System.out.println(line(s, watch.sample(s), timeline.at(s)));
        }
        traffic.stop();
        summary(phases, end, timeline, watch, withAgent);
        Report.save(out, label, phases, timeline, watch, end);
        Path page = Report.html(out);
        System.out.println("report: " + page.toAbsolutePath().toUri());
        int status = check ? verify(watch, withAgent) : 0;
        payments.stop();
        inventory.stop();
        h2.stop();
        System.exit(status);
    }

    private static String describe(Mode mode) {
        return switch (mode) {
            case HEALTHY -> "healthy";
            case SLOW -> "slow";
            case FAILING -> "failing";
            case GONE -> "gone";
        };
    }

    private static String line(int second, Map<String, BreakerWatch.Sample> breakers, Timeline.Second traffic) {
        StringJoiner j = new StringJoiner(" | ");
        for (Map.Entry<String, BreakerWatch.Sample> e : breakers.entrySet()) {
            BreakerWatch.Sample b = e.getValue();
            j.add(String.format(Locale.ROOT, "%s %-9s %d/%d/%d", e.getKey(), b.state(), b.calls(), b.failures(),
                    b.rejected()));
        }
        if (breakers.isEmpty()) {
            j.add("(no breakers: running without the agent)");
        }
        return String.format(Locale.ROOT, "%3ds  %s | orders %d/%d/%d p99 %.0f ms", second, j,
                traffic.count(Storefront.Outcome.PLACED), traffic.count(Storefront.Outcome.DEGRADED),
                traffic.count(Storefront.Outcome.FAILED), Math.max(0, traffic.quantileMillis(0.99)));
    }

    private static void summary(List<Scenario.Phase> phases, int end, Timeline timeline, BreakerWatch watch,
                                boolean withAgent) {
        System.out.println();
        System.out.println("Summary (" + (withAgent ? "with" : "without") + " breakers)");
        System.out.printf(Locale.ROOT, "  %-16s %8s %8s %8s %8s %8s%n", "phase", "orders", "degraded", "failed",
                "p50 ms", "p99 ms");
        for (int i = 0; i < phases.size() - 1; i++) {
            int from = phases.get(i).atSecond();
            int to = Math.min(end, phases.get(i + 1).atSecond());
            int placed = timeline.count(from, to, Storefront.Outcome.PLACED);
            int degraded = timeline.count(from, to, Storefront.Outcome.DEGRADED);
            int failed = timeline.count(from, to, Storefront.Outcome.FAILED);
            System.out.printf(Locale.ROOT, "  %-16s %8d %8d %8d %8.1f %8.1f%n", phases.get(i).title(),
                    placed + degraded + failed, degraded, failed, timeline.quantileMillis(from, to, 0.5),
                    timeline.quantileMillis(from, to, 0.99));
        }
        System.out.println("  breaker transitions: " + watch.changes().size());
        try {
            Object breakers = ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new javax.management.ObjectName("tripswitch:type=Agent"), "Breakers");
            System.out.println("  breakers: " + String.join(", ", (String[]) breakers));
        } catch (Exception e) {
            // without the agent there is no such MBean
        }
    }

    /** For --check: both breakers must have opened and later closed again. */
    private static int verify(BreakerWatch watch, boolean withAgent) {
        if (!withAgent) {
            System.out.println("check: skipped (no agent, no breakers)");
            return 0;
        }
        int status = 0;
        for (String breaker : List.of("payments", "database")) {
            double opened = -1;
            double closed = -1;
            for (BreakerWatch.Change c : watch.changes()) {
                if (c.name().equals(breaker) && c.to().equals("OPEN") && opened < 0) {
                    opened = c.atSeconds();
                }
                if (c.name().equals(breaker) && c.to().equals("CLOSED") && opened >= 0 && c.atSeconds() > opened) {
                    closed = c.atSeconds();
                }
            }
            if (opened < 0 || closed < 0) {
                System.out.println("check: FAILED: breaker " + breaker + (opened < 0 ? " never opened" : " never closed again"));
                status = 1;
            } else {
                System.out.printf(Locale.ROOT, "check: ok: %s opened at %.1fs and closed again at %.1fs%n", breaker,
                        opened, closed);
            }
        }
        return status;
    }
}
