package dev.tripswitch.suggest;

/**
 * What discovery saw of one dependency: the calls of one preset's client to one host (or
 * database), counted in observe mode with every call timed.
 *
 * @param preset   the preset whose client made the calls
 * @param key      the host:port (or database) called
 * @param calls    calls seen
 * @param failures calls the preset judges failed
 * @param p50      median latency, ms (-1: none timed)
 * @param p99      99th percentile latency, ms (-1: none timed)
 */
public record Observed(String preset, String key, long calls, long failures, double p50, double p99) {
    public double failurePercent() {
        return calls == 0 ? 0 : 100.0 * failures / calls;
    }
}
