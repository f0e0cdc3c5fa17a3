package dev.tripswitch.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tripswitch.instrumentation.Presets;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.LogLevel;
import dev.tripswitch.rules.Problem;
import dev.tripswitch.rules.RulesException;
import dev.tripswitch.rules.RulesFile;
import dev.tripswitch.rules.RulesLoader;
import dev.tripswitch.runtime.AgentStatus;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.runtime.RuleBreakers;

/**
 * Puts the rules file in force again without a restart: JMX {@code reload()}, the file
 * watch ({@code agent.reload: true}), or the agent attached again with a file. Changed
 * settings (thresholds, windows, timings, retry, chaos) reach every breaker of the rule at
 * once, the state kept; a rule that is new, removed, or changed in what is woven (match,
 * key, failOn, whenOpen, maxKeys) goes through the {@link RuleSet}, which retransforms the
 * loaded classes. A file that does not validate changes nothing.
 */
final class Reloader implements java.util.function.Function<String, String> {
    /** Where the last reload's summary is left, for {@code attach} to read over the Attach API. */
    static final String LAST_RELOAD_PROPERTY = "tripswitch.agent.lastReload";

    private volatile Path file;
    private final RuleSet ruleSet;
    private final BreakerRegistry registry;
    private final AgentStatus status;
    private final AgentLog log;

    Reloader(Path file, RuleSet ruleSet, BreakerRegistry registry, AgentStatus status, AgentLog log) {
        this.file = file;
        this.ruleSet = ruleSet;
        this.registry = registry;
        this.status = status;
        this.log = log;
    }

    private long seenModified = -1;
    private long seenSize = -1;

    /**
     * For {@code agent.reload: true}: called every second by the agent's timer; reloads when
     * the file's modification time or size changed since the last look.
     */
    synchronized void reloadIfChanged() {
        try {
            long modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
            long size = java.nio.file.Files.size(file);
            if (seenModified < 0) {
                seenModified = modified;
                seenSize = size;
                return;
            }
            if (modified != seenModified || size != seenSize) {
                seenModified = modified;
                seenSize = size;
                reload();
            }
        } catch (java.io.IOException e) {
            // a file being replaced can be missing for a moment; the next look sees it
        } catch (Throwable e) {
            // the watcher must outlive anything: a task that throws is never run again by its executor
            log.once(LogLevel.ERROR, "reload/" + e.getClass().getName(), "reload of " + file + " failed: " + e
                    + "; the rules in force stay and the file is still watched");
        }
    }

    /**
     * Reloads {@code rulesFile} (JMX {@code reloadFrom}, the agent attached again), which
     * becomes the file in force if it validates; null reloads the file in force.
     */
    @Override
    public String apply(String rulesFile) {
        try {
            return rulesFile == null ? reload() : reload(Path.of(rulesFile).toAbsolutePath());
        } catch (Throwable e) {
            log.error("reload of " + rulesFile + " failed: " + e + "; the rules in force stay");
            return "not reloaded: " + e;
        }
    }

    synchronized String reload() {
        return reload(file);
    }

    private synchronized String reload(Path from) {
        RulesFile rules;
        try {
            rules = RulesLoader.load(from, Presets.catalog()); // throws nothing but RulesException
        } catch (RulesException e) {
            status.failed(e.getMessage());
            log.warn("reload of " + from + " failed, the rules in force stay (" + e.problems().size() + " problems)");
            for (Problem p : e.problems()) {
                log.warn(p.toString());
            }
            return said("not reloaded: " + e.getMessage());
        }
        List<String> applied = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> rewoven = new ArrayList<>();
        List<BreakerRule> inForce = dev.tripswitch.suggest.Discovery.inForce(rules);
        for (BreakerRule next : inForce) {
            RuleBreakers current = registry.rule(next.name());
            if (current == null) {
                added.add(next.name());
            } else if (!current.rule().sameWeavingAs(next)) {
                rewoven.add(next.name());
            } else if (!current.rule().sameSettingsAs(next)) {
                current.apply(next);
                applied.add(next.name());
            }
        }
        List<String> removed = ruleSet.notIn(inForce);
        int classes = added.isEmpty() && rewoven.isEmpty() && removed.isEmpty() ? 0 : ruleSet.apply(inForce, rewoven);
        status.discovering(rules.agent().discover());
        if (!from.equals(file)) {
            file = from;
            status.rulesFile(from.toString());
        }
        status.loaded(System.currentTimeMillis());
        StringBuilder summary = new StringBuilder("reloaded ").append(from).append(" (version ")
                .append(status.version()).append("): settings applied to ")
                .append(applied.isEmpty() ? "no breaker" : String.join(", ", applied));
        part(summary, "added", added);
        part(summary, "removed", removed);
        part(summary, "re-matched", rewoven);
        if (classes > 0) {
            summary.append(" (").append(classes).append(classes == 1 ? " loaded class" : " loaded classes")
                    .append(" woven again)");
        }
        log.info(summary.toString());
        return said(summary.toString());
    }

    private static void part(StringBuilder summary, String what, List<String> names) {
        if (!names.isEmpty()) {
            summary.append("; ").append(what).append(": ").append(String.join(", ", names));
        }
    }

    /** Leaves the outcome where {@code attach} reads it, and returns it. */
    private static String said(String outcome) {
        try {
            System.setProperty(LAST_RELOAD_PROPERTY, outcome);
        } catch (RuntimeException e) {
            // a security manager of old may refuse: the log has it
        }
        return outcome;
    }
}
