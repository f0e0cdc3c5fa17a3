package dev.tripswitch.http;

import java.util.Locale;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.LatencyHistogram;
import dev.tripswitch.engine.State;
import dev.tripswitch.runtime.BreakerRegistry;

/**
 * {@code /metrics} in the Prometheus text format (0.0.4): the state as one series per
 * state (1 for the current one), calls by outcome, and the call duration histogram,
 * labelled {@code breaker} and {@code key}.
 */
final class Prometheus {
    /** Histogram bounds: every other power of two from 65 µs to 68 s, taken from the engine's finer buckets. */
    private static final int FIRST_EXP = 16;
    private static final int LAST_EXP = 36;

    private Prometheus() {
    }

    static String scrape(BreakerRegistry registry) {
        StringBuilder state = new StringBuilder("# HELP tripswitch_state Breaker state: 1 for the current state\n"
                + "# TYPE tripswitch_state gauge\n");
        StringBuilder calls = new StringBuilder("# HELP tripswitch_calls_total Calls by outcome (slow calls are also"
                + " counted as success or failure)\n# TYPE tripswitch_calls_total counter\n");
        StringBuilder retries = new StringBuilder("# HELP tripswitch_retries_total Failed calls tried again by the"
                + " rule's retry (each retry is also counted in tripswitch_calls_total)\n"
                + "# TYPE tripswitch_retries_total counter\n");
        StringBuilder duration = new StringBuilder("# HELP tripswitch_call_duration_seconds Call durations; every call"
                + " when slowCall is set or calls are few, else a random sample of about 100 a second per thread\n"
                + "# TYPE tripswitch_call_duration_seconds histogram\n");
        for (CircuitBreaker b : registry.all()) {
            String labels = "breaker=\"" + escape(b.name()) + "\",key=\"" + escape(b.key() == null ? "" : b.key()) + "\"";
            State current = b.state();
            for (State s : State.values()) {
                state.append("tripswitch_state{").append(labels).append(",state=\"").append(s).append("\"} ")
                        .append(s == current ? 1 : 0).append('\n');
            }
            counter(calls, labels, "success", b.metrics().totalSuccesses());
            counter(calls, labels, "failure", b.metrics().totalFailures());
            counter(calls, labels, "slow", b.metrics().totalSlowCalls());
            counter(calls, labels, "rejected", b.metrics().totalRejected());
            counter(calls, labels, "bulkhead", b.metrics().totalBulkheadRejected());
            histogram(duration, labels, b.metrics().latency());
            retries.append("tripswitch_retries_total{").append(labels).append("} ").append(b.metrics().totalRetries())
                    .append('\n');
        }
        return state.append(calls).append(retries).append(duration).toString();
    }

    private static void counter(StringBuilder out, String labels, String outcome, long value) {
        out.append("tripswitch_calls_total{").append(labels).append(",outcome=\"").append(outcome).append("\"} ")
                .append(value).append('\n');
    }

    private static void histogram(StringBuilder out, String labels, LatencyHistogram h) {
        long[] counts = h.cumulativeCounts();
        long cumulative = 0;
        int next = 0;
        for (int exp = FIRST_EXP; exp <= LAST_EXP; exp += 2) {
            long bound = 1L << exp;
            while (next < counts.length && LatencyHistogram.upperBoundNanos(next) <= bound) {
                cumulative += counts[next++];
            }
            out.append("tripswitch_call_duration_seconds_bucket{").append(labels).append(",le=\"")
                    .append(String.format(Locale.ROOT, "%.6g", bound / 1e9)).append("\"} ").append(cumulative).append('\n');
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        out.append("tripswitch_call_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ").append(total)
                .append('\n');
        out.append("tripswitch_call_duration_seconds_sum{").append(labels).append("} ")
                .append(String.format(Locale.ROOT, "%.9f", h.sumNanos() / 1e9)).append('\n');
        out.append("tripswitch_call_duration_seconds_count{").append(labels).append("} ").append(total).append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
