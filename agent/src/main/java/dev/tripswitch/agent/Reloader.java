package dev.tripswitch.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * The JMX {@code reload()} operation: reads the rules file again and applies the changed
 * settings of existing breakers at once (thresholds, windows, timings, retry, chaos; the
 * state is kept).
 * What would need the code woven again (a new, removed or re-matched rule; a changed key,
 * failOn or whenOpen) is reported, not applied, until the next start.
 */
final class Reloader {
    private final Path file;
    private final BreakerRegistry registry;
    private final AgentStatus status;
    private final AgentLog log;

    Reloader(Path file, BreakerRegistry registry, AgentStatus status, AgentLog log) {
        this.file = file;
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

    synchronized String reload() {
        RulesFile rules;
        try {
            rules = RulesLoader.load(file); // throws nothing but RulesException
        } catch (RulesException e) {
            status.failed(e.getMessage());
            log.warn("reload of " + file + " failed, the rules in force stay (" + e.problems().size() + " problems)");
            for (Problem p : e.problems()) {
                log.warn(p.toString());
            }
            return "not reloaded: " + e.getMessage();
        }
        List<String> applied = new ArrayList<>();
        List<String> needRestart = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (BreakerRule next : rules.breakers()) {
            seen.add(next.name());
            RuleBreakers current = registry.rule(next.name());
            if (current == null) {
                needRestart.add(next.name() + " (new)");
                continue;
            }
            BreakerRule now = current.rule();
            if (!now.sameWeavingAs(next)) {
                needRestart.add(next.name() + " (match, key, failOn or whenOpen changed)");
            }
            if (!now.config().equals(next.config()) || !Objects.equals(now.chaos(), next.chaos())
                    || !Objects.equals(now.retry(), next.retry())) {
                current.apply(next);
                applied.add(next.name());
            }
        }
        for (RuleBreakers rb : registry.rules()) {
            if (!seen.contains(rb.rule().name())) {
                needRestart.add(rb.rule().name() + " (removed)");
            }
        }
        status.loaded(rules.version(), System.currentTimeMillis());
        if (!needRestart.isEmpty()) {
            status.failed("applied on the next start only: " + String.join(", ", needRestart));
        }
        String summary = "reloaded " + file + ": settings applied to " + (applied.isEmpty() ? "no breaker"
                : String.join(", ", applied)) + (needRestart.isEmpty() ? "" : "; on the next start only: "
                + String.join(", ", needRestart));
        log.info(summary);
        return summary;
    }
}
