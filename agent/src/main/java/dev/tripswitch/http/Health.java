package dev.tripswitch.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.State;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.runtime.RuleBreakers;

/**
 * {@code /health} (docs/http.md): a breaker is healthy when CLOSED with a success rate of
 * at least 80% (or too few calls to say), degraded when HALF_OPEN or CLOSED below 80%,
 * unhealthy when OPEN or FORCED_OPEN; a rule with several keys is as bad as its worst
 * key, and the whole as bad as the worst rule.
 */
final class Health {
    enum Status {
        HEALTHY, DEGRADED, UNHEALTHY;

        String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Status worse(Status other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    private Health() {
    }

    static Status of(CircuitBreaker b) {
        State state = b.state();
        if (state == State.OPEN || state == State.FORCED_OPEN) {
            return Status.UNHEALTHY;
        }
        if (state == State.HALF_OPEN) {
            return Status.DEGRADED;
        }
        double success = successRate(b);
        return success >= 0 && success < 80 ? Status.DEGRADED : Status.HEALTHY;
    }

    /** Percent of the window's calls that succeeded, or -1 below minimumCalls. */
    static double successRate(CircuitBreaker b) {
        double failure = b.metrics().failureRate();
        return failure < 0 ? -1 : 100 - failure;
    }

    /** The whole body of {@code /health}; {@code status[0]} receives the overall status. */
    static String all(BreakerRegistry registry, long uptimeSeconds, Status[] overall,
                      dev.tripswitch.runtime.ClusterState cluster) {
        Status worst = Status.HEALTHY;
        StringBuilder breakers = new StringBuilder();
        for (RuleBreakers rule : registry.rules()) {
            List<CircuitBreaker> all = rule.all();
            if (all.isEmpty()) {
                continue;
            }
            Status s = Status.HEALTHY;
            for (CircuitBreaker b : all) {
                s = s.worse(of(b));
            }
            worst = worst.worse(s);
            if (breakers.length() > 0) {
                breakers.append(',');
            }
            breakers.append(Json.string(rule.rule().name())).append(':').append(rule(rule.rule().name(), all));
        }
        overall[0] = worst;
        return "{\"status\":" + Json.string(worst.json()) + ",\"uptimeSeconds\":" + uptimeSeconds
                + (cluster == null ? "" : ",\"cluster\":" + cluster(cluster))
                + ",\"breakers\":{" + breakers + "}}";
    }

    /** The cluster link, as /health and the live page show it (the address without its password). */
    static String cluster(dev.tripswitch.runtime.ClusterState c) {
        return "{\"redis\":" + Json.string(c.redis()) + ",\"namespace\":" + Json.string(c.namespace())
                + ",\"connected\":" + c.connected() + ",\"peers\":" + c.peers() + ",\"messagesDropped\":" + c.dropped()
                + ",\"messagesRefused\":" + c.refused() + "}";
    }

    /** One rule: the worst key's figures at the top, every key under {@code keys} when it is keyed. */
    static String rule(String name, List<CircuitBreaker> breakers) {
        CircuitBreaker worst = breakers.get(0);
        for (CircuitBreaker b : breakers) {
            if (of(b).ordinal() > of(worst).ordinal()) {
                worst = b;
            }
        }
        StringBuilder out = new StringBuilder(breaker(worst, false));
        boolean keyed = breakers.stream().anyMatch(b -> b.key() != null);
        if (keyed) {
            Map<String, String> keys = new TreeMap<>();
            for (CircuitBreaker b : breakers) {
                keys.put(b.key() == null ? "" : b.key(), breaker(b, true));
            }
            List<String> entries = new ArrayList<>();
            keys.forEach((k, v) -> entries.add(Json.string(k) + ":" + v));
            out.setLength(out.length() - 1);
            out.append(",\"keys\":{").append(String.join(",", entries)).append("}}");
        }
        return out.toString();
    }

    private static String breaker(CircuitBreaker b, boolean withStatus) {
        return "{\"state\":" + Json.string(b.state().name())
                + (withStatus ? "" : ",\"health\":" + Json.string(of(b).json()))
                + ",\"failureRate\":" + Json.number(b.metrics().failureRate())
                + ",\"successRate\":" + Json.number(successRate(b))
                + ",\"latencyP99Millis\":" + Json.number(b.metrics().latencyP99Millis())
                + ",\"lastFailure\":" + Json.string(b.metrics().lastFailure())
                + ",\"retryAfterMillis\":" + b.retryAfterMillis() + "}";
    }
}
