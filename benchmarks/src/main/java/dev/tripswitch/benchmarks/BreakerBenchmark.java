package dev.tripswitch.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CallSampler;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.engine.Permit;
import dev.tripswitch.engine.WindowConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One protected call, four ways: bare, through a Tripswitch breaker (exactly the steps
 * the woven advice takes: acquire, maybe time, record), and through a Resilience4j
 * {@code CircuitBreaker} configured the same way (the decorated supplier, as users write
 * it); each on the closed path and on the rejected (forced-open) path. The breakers are
 * shared by all benchmark threads, so the two-thread subclass measures their contention;
 * the protected call itself is each thread's own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class BreakerBenchmark {

    /** The breakers every benchmark thread shares. */
    @State(Scope.Benchmark)
    public static class Breakers {
        /** {@code count}: last 100 calls (as Resilience4j's COUNT_BASED 100); {@code time}: 10 s in 10 buckets. */
        @Param({"count", "time"})
        public String window;

        BreakerConfig config;
        CircuitBreaker tripswitch;
        CircuitBreaker tripswitchOpen;
        io.github.resilience4j.circuitbreaker.CircuitBreaker r4j;
        io.github.resilience4j.circuitbreaker.CircuitBreaker r4jOpen;

        @Setup
        public void setUp() {
            WindowConfig windowConfig = "count".equals(window)
                    ? new WindowConfig.Count(100)
                    : new WindowConfig.Time(TimeUnit.SECONDS.toNanos(10), 10);
            config = BreakerConfig.builder().failureRate(50).minimumCalls(100).consecutiveFailures(0)
                    .window(windowConfig).openForNanos(TimeUnit.SECONDS.toNanos(60))
                    .halfOpenCalls(10).halfOpenSuccesses(10).build();
            tripswitch = new CircuitBreaker("bench", null, config, Clock.system());
            tripswitchOpen = new CircuitBreaker("bench-open", null, config, Clock.system());
            tripswitchOpen.forceOpen();

            CircuitBreakerConfig r4jConfig = CircuitBreakerConfig.custom()
                    .slidingWindowType("count".equals(window)
                            ? CircuitBreakerConfig.SlidingWindowType.COUNT_BASED
                            : CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                    .slidingWindowSize("count".equals(window) ? 100 : 10)
                    .minimumNumberOfCalls(100)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofSeconds(60))
                    .permittedNumberOfCallsInHalfOpenState(10)
                    // its cheapest rejection; with stack traces (its default) a rejection costs ~1 µs and 1.6 KB
                    .writableStackTraceEnabled(false)
                    .build();
            r4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench", r4jConfig);
            r4jOpen = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench-open", r4jConfig);
            r4jOpen.transitionToForcedOpenState();
        }
    }

    /**
     * One benchmark thread's own service, and the Resilience4j-decorated suppliers around it
     * (a service shared by the threads would measure its own contention, not the breaker's).
     */
    @State(Scope.Thread)
    public static class Caller {
        final Service service = new Service();
        /** The thread's sampler, as the bridge keeps one per thread (JMH makes this state on the benchmark thread). */
        final CallSampler sampler = new CallSampler(java.util.concurrent.ThreadLocalRandom.current(), Clock.system());
        /** A breaker of this thread's own, configured as the shared one: what threads cost each other with nothing shared. */
        CircuitBreaker own;
        Supplier<Integer> resilience4j;
        Supplier<Integer> resilience4jOpen;

        @Setup
        public void setUp(Breakers shared) {
            own = new CircuitBreaker("own", null, shared.config, Clock.system());
            resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(shared.r4j,
                    service::call);
            resilience4jOpen = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(shared.r4jOpen,
                    service::call);
        }
    }

    /** The protected call: cheap, not constant-foldable. */
    static final class Service {
        private int counter;

        int call() {
            return ++counter;
        }
    }

    @Benchmark
    public int baseline(Caller caller) {
        return caller.service.call();
    }

    @Benchmark
    public int tripswitchClosed(Breakers shared, Caller caller) {
        return protect(shared.tripswitch, caller);
    }

    /**
     * The closed path on a breaker no other thread uses. With one thread it is
     * {@link #tripswitchClosed}; with two it is this machine's floor for two threads (they
     * share the cores' caches and, on a virtual machine, maybe one physical core), against
     * which the shared breaker's contention is read.
     */
    @Benchmark
    public int tripswitchClosedOwnBreaker(Caller caller) {
        return protect(caller.own, caller);
    }

    @Benchmark
    public int resilience4jClosed(Caller caller) {
        return caller.resilience4j.get();
    }

    @Benchmark
    public int tripswitchOpen(Breakers shared, Caller caller) {
        return protect(shared.tripswitchOpen, caller);
    }

    @Benchmark
    public int resilience4jOpen(Caller caller) {
        try {
            return caller.resilience4jOpen.get();
        } catch (CallNotPermittedException e) {
            return -1;
        }
    }

    /** What the woven advice does around a method, minus the weaving. */
    private static int protect(CircuitBreaker breaker, Caller caller) {
        long permit = breaker.acquire();
        if (Permit.isRejected(permit)) {
            return -1;
        }
        long start = breaker.timeCall(caller.sampler) ? System.nanoTime() : 0;
        try {
            int result = caller.service.call();
            breaker.onSuccess(permit, start == 0 ? -1 : System.nanoTime() - start);
            return result;
        } catch (RuntimeException e) {
            breaker.onFailure(permit, start == 0 ? -1 : System.nanoTime() - start, e);
            throw e;
        }
    }
}
