package dev.tripswitch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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

/** {@code check rules.yml}: every problem with its position and exit 1, or a summary of the breakers and exit 0. */
final class CheckCommand {
    private CheckCommand() {
    }

    static int run(Path file, PrintStream out, PrintStream err) {
        RulesFile rules;
        try {
            rules = RulesLoader.load(file);
        } catch (RulesException e) {
            for (Problem p : e.problems()) {
                err.println(p);
            }
            err.println(file + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
            return 1;
        }
        out.println(file + ": OK, " + rules.breakers().size() + (rules.breakers().size() == 1 ? " breaker" : " breakers"));
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
        return 0;
    }

    private static String trips(BreakerConfig c) {
        String window = c.window() instanceof WindowConfig.Count count ? "last " + count.size() + " calls"
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
        if (w instanceof WhenOpen.Throw t) {
            return "throw " + t.type();
        }
        if (w instanceof WhenOpen.Return r) {
            return "return " + (r.empty() ? "empty" : String.valueOf(r.value()));
        }
        if (w instanceof WhenOpen.Call c) {
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
