package dev.tripswitch.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link BreakerBenchmark} on one thread. */
@Threads(1)
public class OneThread extends BreakerBenchmark {
}
