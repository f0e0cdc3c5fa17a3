package dev.tripswitch.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link BreakerBenchmark} with two threads sharing each breaker (this machine has two cores). */
@Threads(2)
public class TwoThreads extends BreakerBenchmark {
}
