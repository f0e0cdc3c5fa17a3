package dev.tripswitch.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole woven path, as an application pays for it: the same small method unwoven,
 * woven by the agent (closed, and open with a {@code return} fallback), and wrapped by
 * Resilience4j. Run it with the agent on the forked JVM (docs/performance.md, "Measured"); without
 * the agent the setup refuses to run rather than report a misleading number.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class WovenBenchmark {

    /** Not matched by any rule. */
    public static final class Plain {
        private int counter;

        public int call() {
            return ++counter;
        }
    }

    /** Matched by the rule {@code bench-closed} in benchmarks/woven.yml. */
    public static final class Guarded {
        private int counter;

        public int call() {
            return ++counter;
        }
    }

    /** Matched by {@code bench-open}, forced open in the setup; its rule returns -1 when open. */
    public static final class GuardedOpen {
        private int counter;

        public int call() {
            return ++counter;
        }
    }

    private final Plain plain = new Plain();
    private final Guarded guarded = new Guarded();
    private final GuardedOpen guardedOpen = new GuardedOpen();
    private Supplier<Integer> resilience4j;
    private Supplier<Integer> resilience4jOpen;

    @Setup
    public void setUp() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName open = new ObjectName("tripswitch:type=Breaker,name=bench-open");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(open)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent is not running: add -jvmArgsAppend"
                        + " \"-javaagent:agent/target/tripswitch-agent.jar=benchmarks/woven.yml\"");
            }
            Thread.sleep(10);
        }
        server.invoke(open, "forceOpen", null, null);
        if (guardedOpen.call() != -1) {
            throw new IllegalStateException("GuardedOpen.call was not woven");
        }
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(100).minimumNumberOfCalls(100).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(60)).writableStackTraceEnabled(false).build();
        resilience4j = CircuitBreaker.decorateSupplier(CircuitBreaker.of("r4j", config), plain::call);
        CircuitBreaker r4jOpen = CircuitBreaker.of("r4j-open", config);
        r4jOpen.transitionToForcedOpenState();
        Supplier<Integer> decorated = CircuitBreaker.decorateSupplier(r4jOpen, plain::call);
        resilience4jOpen = () -> {
            try {
                return decorated.get();
            } catch (CallNotPermittedException e) {
                return -1;
            }
        };
    }

    @Benchmark
    public int baseline() {
        return plain.call();
    }

    @Benchmark
    public int wovenClosed() {
        return guarded.call();
    }

    @Benchmark
    public int resilience4jClosed() {
        return resilience4j.get();
    }

    @Benchmark
    public int wovenOpen() {
        return guardedOpen.call();
    }

    @Benchmark
    public int resilience4jOpen() {
        return resilience4jOpen.get();
    }
}
