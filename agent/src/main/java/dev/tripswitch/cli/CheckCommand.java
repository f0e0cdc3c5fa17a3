package dev.tripswitch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tripswitch.instrumentation.Presets;
import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.WindowConfig;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.Memory;
import dev.tripswitch.rules.Problem;
import dev.tripswitch.rules.RulesException;
import dev.tripswitch.rules.RulesFile;
import dev.tripswitch.rules.RulesLoader;
import dev.tripswitch.rules.WhenOpen;
import dev.tripswitch.weaving.DryRun;
import dev.tripswitch.weaving.WeaveReport;
import dev.tripswitch.weaving.Weaver;

/** {@code check rules.yml}: every problem with its position and exit 1, or a summary of the breakers and exit 0. */
final class CheckCommand {
    private CheckCommand() {
    }

    static int run(Path file, PrintStream out, PrintStream err) {
        return run(file, null, out, err);
    }

    /**
     * As {@link #run(Path, PrintStream, PrintStream)}, and with {@code classPath} (not null) what
     * each rule would weave in the application's classes, and which matched methods it would
     * leave alone because they return a promise the agent cannot follow.
     */
    static int run(Path file, List<Path> classPath, PrintStream out, PrintStream err) {
        RulesFile rules;
        try {
            rules = RulesLoader.load(file, Presets.catalog());
        } catch (RulesException e) {
            for (Problem p : e.problems()) {
                err.println(p);
            }
            err.println(file + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
            return 1;
        }
        out.println(file + ": OK, " + rules.breakers().size() + (rules.breakers().size() == 1 ? " breaker" : " breakers"));
        if (rules.agent().cluster() != null) {
            out.println("cluster: breakers shared through " + rules.agent().cluster().redacted() + ", namespace "
                    + rules.agent().cluster().namespace());
        }
        for (BreakerRule rule : rules.breakers()) {
            out.println("  " + rule.name() + (rule.preset() != null ? " (preset " + rule.preset() + ")" : ""));
            for (MatchSpec m : rule.matches()) {
                out.println("    match     " + m.type() + (m.subtypes() ? " and subtypes" : "") + " #"
                        + String.join(", ", m.methods()) + (m.params() == null ? "" : " (" + String.join(", ", m.params()) + ")"));
            }
            if (rule.key() != null) {
                out.println("    key       " + rule.key() + " (at most " + rule.maxKeys() + " keys)");
            }
            out.println("    trips     " + trips(rule.config()));
            out.println("    when open " + whenOpen(rule.whenOpen()) + ", for " + ms(rule.config().openForNanos()));
            if (rule.config().timeoutNanos() > 0) {
                out.println("    timeout   " + ms(rule.config().timeoutNanos()) + " for methods returning a"
                        + " CompletableFuture: then TimeoutException, counted as a failure");
            }
            if (rule.chaos() != null) {
                dev.tripswitch.rules.ChaosSpec c = rule.chaos();
                out.println("    chaos     " + (rules.agent().chaos() ? "ACTIVE: " : "inactive (agent.chaos is not true): ")
                        + (c.failureRatePercent() > 0 ? fmt(c.failureRatePercent()) + "% fail with " + c.exception() : "no failures")
                        + (c.latencyNanos() > 0 ? ", " + fmt(c.latencyRatePercent()) + "% wait " + ms(c.latencyNanos()) : ""));
            }
            if (rule.retry() != null) {
                dev.tripswitch.instrumentation.Retries which = dev.tripswitch.instrumentation.Retries.forPreset(
                        rule.preset());
                out.println(which.ever() ? "    retry     " + rule.retry().describe() + "; retries "
                        + which.describe(rule.retry().idempotentOnly()) + "; each attempt passes the breaker,"
                        + " a rejection ends them" : "    retry     has no effect: retries " + which.describe(true));
            }
            if (rule.config().maxConcurrent() > 0) {
                out.println("    bulkhead  at most " + rule.config().maxConcurrent() + " calls in flight"
                        + (rule.key() != null ? " per key" : "") + "; more get the when-open answer at once");
            }
            out.println("    memory    at most " + Memory.text(rule.maxBytes()) + (rule.key() != null
                    ? " (" + rule.maxKeys() + " keys, " + Memory.text(rule.config().window().maxBytesPerBreaker())
                    + " each with the window full)" : ""));
        }
        long total = rules.breakers().stream().mapToLong(BreakerRule::maxBytes).sum();
        out.println("memory: the breakers hold at most " + Memory.text(total) + " of heap (each rule at most "
                + Memory.text(BreakerRule.MAX_BYTES) + ")");
        for (Problem notice : rules.notices()) {
            out.println("note: " + notice);
        }
        return classPath == null ? 0 : weaving(rules, classPath, out, err);
    }

    /** The dry run of the weaver over the application's class path. */
    private static int weaving(RulesFile rules, List<Path> classPath, PrintStream out, PrintStream err) {
        List<Weaver.Target> targets = new ArrayList<>();
        for (BreakerRule rule : rules.breakers()) {
            targets.add(new Weaver.Target(targets.size(), rule, false, false));
        }
        WeaveReport report;
        try {
            report = DryRun.of(targets, classPath);
        } catch (IOException | RuntimeException e) {
            err.println("cannot read the class path: " + e);
            return 1;
        }
        out.println("in " + classPath.size() + (classPath.size() == 1 ? " class path entry" : " class path entries")
                + " (JDK classes are woven at run time and not listed):");
        for (BreakerRule rule : rules.breakers()) {
            List<String> woven = report.targets(rule.name());
            out.println("  " + rule.name() + ": " + (woven.isEmpty() ? "matches no method here"
                    + (rule.preset() != null ? " (a preset whose library is absent costs nothing)" : "")
                    : woven.size() + (woven.size() == 1 ? " method" : " methods")));
            for (String m : woven) {
                out.println("    weaves    " + m);
            }
            new java.util.TreeMap<>(report.untimed(rule.name())).forEach((method, type) ->
                    out.println("    timeout ignored for " + method + ": returns " + type + " (not a future)"));
            new java.util.TreeMap<>(report.unjudged(rule.name())).forEach((method, type) ->
                    out.println("    cannot judge " + method + ": " + type + "; left unguarded"));
        }
        return 0;
    }

    /** A class path as the JVM takes it: entries separated by the platform's separator, {@code dir/*} for its jars. */
    static List<Path> classPath(String text) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String part : text.split(java.io.File.pathSeparator)) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.endsWith("*")) {
                Path dir = Path.of(part.substring(0, part.length() - 1));
                try (java.util.stream.Stream<Path> jars = java.nio.file.Files.list(dir)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(out::add);
                }
            } else {
                out.add(Path.of(part));
            }
        }
        return out;
    }

    private static String trips(BreakerConfig c) {
        String window = c.window() instanceof WindowConfig.Count ? "last " + ((WindowConfig.Count) c.window()).size() + " calls"
                : "last " + ms(((WindowConfig.Time) c.window()).sizeNanos());
        StringBuilder s = new StringBuilder("failure rate >= " + fmt(c.failureRateThreshold()) + "%");
        if (c.slowCallNanos() > 0) {
            s.append(" or calls >= ").append(ms(c.slowCallNanos())).append(" >= ").append(fmt(c.slowCallRateThreshold()))
                    .append("%");
        }
        s.append(" of the ").append(window).append(" (at least ").append(c.minimumCalls()).append(")");
        if (c.consecutiveFailures() > 0) {
            s.append(", or ").append(c.consecutiveFailures()).append(" failures in a row");
        }
        return s.append(c.mode() == dev.tripswitch.engine.Mode.OBSERVE ? "; observe only" : "").toString();
    }

    private static String whenOpen(WhenOpen w) {
        if (w instanceof WhenOpen.Throw) {
            WhenOpen.Throw t = (WhenOpen.Throw) w;
            return "throw " + t.type();
        }
        if (w instanceof WhenOpen.Return) {
            WhenOpen.Return r = (WhenOpen.Return) w;
            return "return " + (r.empty() ? "empty" : String.valueOf(r.value()));
        }
        if (w instanceof WhenOpen.Call) {
            WhenOpen.Call c = (WhenOpen.Call) w;
            return "call " + c.className() + "#" + c.method();
        }
        return "last good result, else throw " + WhenOpen.DEFAULT_EXCEPTION;
    }

    private static String ms(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
