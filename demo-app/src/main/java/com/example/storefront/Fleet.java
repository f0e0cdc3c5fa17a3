package com.example.storefront;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * {@code ./demo --fleet}: two storefronts of one application, their breakers shared through
 * the agent's cluster (Redis). The first runs the story (it owns the dependencies and breaks
 * them); the second has customers of its own calling the same dependencies, fewer of them,
 * so it learns of the payments outage from the first: its breaker opens, and its orders get
 * the fallback, before it ever sees a failed payment.
 */
final class Fleet {
    private Fleet() {
    }

    /** The first storefront: writes where its dependencies are, then waits for the second to join. */
    static void lead(Path handoff, String inventory, String payments, String database, boolean shortRun)
            throws Exception {
        Files.writeString(handoff, String.join("\n", inventory, payments, database, String.valueOf(shortRun)) + "\n");
        Path joined = Path.of(handoff + ".joined");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(joined) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.println("fleet: storefront B " + (Files.exists(joined) ? "joined" : "did not join in 60 s"));
    }

    /** The second storefront. */
    static void follow(Path handoff, Path out) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(handoff) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> deps = Files.readAllLines(handoff);
        Storefront store = new Storefront(deps.get(0), deps.get(1), deps.get(2));
        store.startIdsAt(1_000_000_000L);
        List<Scenario.Phase> phases = Scenario.phases(Boolean.parseBoolean(deps.get(3)));
        int end = phases.get(phases.size() - 1).atSecond();
        Timeline timeline = new Timeline();
        long[] failuresAtOpen = {-1};
        String[] openReason = {null};
        double[] openedAt = {-1};
        BreakerWatch watch = new BreakerWatch(timeline, c -> {
            System.out.printf(Locale.ROOT, "  B>> %5.1fs %-9s %s -> %s  (%s)%n", c.atSeconds(), c.breaker(), c.from(),
                    c.to(), c.reason());
            if (c.breaker().equals("payments") && c.to().equals("OPEN") && openedAt[0] < 0) {
                openedAt[0] = c.atSeconds();
                openReason[0] = c.reason();
                failuresAtOpen[0] = paymentsFailures();
            }
        });
        Files.writeString(Path.of(handoff + ".joined"), "B\n");
        Traffic traffic = new Traffic(store, timeline, 1, 150);
        traffic.start();
        for (int s = 0; s < end; s++) {
            long wait = (long) ((s + 1 - timeline.elapsedSeconds()) * 1000);
            if (wait > 0) {
                Thread.sleep(wait);
            }
            watch.discover();
            Map<String, BreakerWatch.Sample> sample = watch.sample(s);
            BreakerWatch.Sample p = sample.get("payments");
            if (p != null && s % 5 == 0) {
                System.out.printf(Locale.ROOT, "  B %3ds payments %s %d/%d/%d%n", s, p.state(), p.calls(), p.failures(),
                        p.rejected());
            }
        }
        traffic.stop();
        Report.save(out, "fleet-b", phases, timeline, watch, end);
        if (openedAt[0] < 0) {
            System.out.println("fleet: B's payments breaker never opened");
        } else {
            System.out.printf(Locale.ROOT, "fleet: B's payments breaker opened at %.1fs after %d failed payments of its"
                    + " own (%s)%n", openedAt[0], failuresAtOpen[0], openReason[0]);
        }
        System.exit(0);
    }

    /** The payments breaker's failures in this JVM now, as JConsole reads them. */
    private static long paymentsFailures() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            long sum = 0;
            for (ObjectName n : server.queryNames(new ObjectName("tripswitch:type=Breaker,name=payments,*"), null)) {
                sum += (Long) server.getAttribute(n, "TotalFailures");
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }
}
