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
public final class Observed {
    private final String preset;
    private final String key;
    private final long calls;
    private final long failures;
    private final double p50;
    private final double p99;

    public Observed(String preset, String key, long calls, long failures, double p50, double p99) {
        this.preset = preset;
        this.key = key;
        this.calls = calls;
        this.failures = failures;
        this.p50 = p50;
        this.p99 = p99;
    }

    public String preset() {
        return preset;
    }

    public String key() {
        return key;
    }

    public long calls() {
        return calls;
    }

    public long failures() {
        return failures;
    }

    public double p50() {
        return p50;
    }

    public double p99() {
        return p99;
    }

    public double failurePercent() {
        return calls == 0 ? 0 : 100.0 * failures / calls;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Observed)) {
            return false;
        }
        Observed other = (Observed) o;
        return java.util.Objects.equals(preset, other.preset)
            && java.util.Objects.equals(key, other.key)
            && calls == other.calls
            && failures == other.failures
            && Double.compare(p50, other.p50) == 0
            && Double.compare(p99, other.p99) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(preset, key, calls, failures, p50, p99);
    }

    @Override
    public String toString() {
        return "Observed[preset=" + preset + ", key=" + key + ", calls=" + calls + ", failures=" + failures + ", p50=" + p50 + ", p99=" + p99 + "]";
    }
}
