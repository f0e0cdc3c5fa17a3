package dev.tripswitch.agent;

import java.util.List;

/**
 * The classes woven code calls, which go on the bootstrap class path: the bridge, the
 * engine and {@code CircuitOpenException}. They may name only JDK classes and each other
 * (BootstrapTierTest checks every class file of the tier against this list), because
 * advice runs inside JDK classes that see nothing else.
 */
public final class BootstrapTier {
    /** Class file paths in the agent jar, as prefixes. */
    public static final List<String> PATHS = List.of("dev/tripswitch/bridge/", "dev/tripswitch/engine/",
            "dev/tripswitch/CircuitOpenException.class");

    /**
     * The tier's classes by binary name, each after the tier's classes it extends or
     * implements: the order they are defined in. Written out rather than found by reading
     * the jar's eight hundred entries and every header at each start; BootstrapTierTest
     * checks that this is every class under {@link #PATHS}, in such an order.
     */
    public static final List<String> CLASSES = List.of(
            "dev.tripswitch.CircuitOpenException",
            "dev.tripswitch.bridge.Binding",
            "dev.tripswitch.bridge.CallKind",
            "dev.tripswitch.bridge.Dispatcher",
            "dev.tripswitch.bridge.Dispatcher$1",
            "dev.tripswitch.bridge.Dispatcher$CallDepth",
            "dev.tripswitch.bridge.Dispatcher$RetryRun",
            "dev.tripswitch.bridge.Dispatcher$Throw",
            "dev.tripswitch.bridge.FutureTimeout",
            "dev.tripswitch.engine.BreakerConfig",
            "dev.tripswitch.engine.BreakerConfig$Backoff",
            "dev.tripswitch.engine.BreakerConfig$Builder",
            "dev.tripswitch.engine.BreakerConfig$HalfOpen",
            "dev.tripswitch.engine.BreakerFleet",
            "dev.tripswitch.engine.BreakerMetrics",
            "dev.tripswitch.engine.BreakerState",
            "dev.tripswitch.engine.CallSampler",
            "dev.tripswitch.engine.CircuitBreaker",
            "dev.tripswitch.engine.CircuitBreaker$Gate",
            "dev.tripswitch.engine.Clock",
            "dev.tripswitch.engine.ClosedState",
            "dev.tripswitch.engine.Window",
            "dev.tripswitch.engine.CountWindow",
            "dev.tripswitch.engine.DisabledState",
            "dev.tripswitch.engine.FailedResult",
            "dev.tripswitch.engine.ForcedOpenState",
            "dev.tripswitch.engine.HalfOpenState",
            "dev.tripswitch.engine.LatencyHistogram",
            "dev.tripswitch.engine.Mode",
            "dev.tripswitch.engine.OpenState",
            "dev.tripswitch.engine.Permit",
            "dev.tripswitch.engine.Rates",
            "dev.tripswitch.engine.Recent",
            "dev.tripswitch.engine.State",
            "dev.tripswitch.engine.SystemClock",
            "dev.tripswitch.engine.SystemClock$1",
            "dev.tripswitch.engine.TimeWindow",
            "dev.tripswitch.engine.TimeWindow$Current",
            "dev.tripswitch.engine.Transition",
            "dev.tripswitch.engine.TransitionListener",
            "dev.tripswitch.engine.TransitionOrder",
            "dev.tripswitch.engine.Transitions",
            "dev.tripswitch.engine.WindowConfig",
            "dev.tripswitch.engine.WindowConfig$Count",
            "dev.tripswitch.engine.WindowConfig$Time");

    private BootstrapTier() {
    }

    /** Whether a class file path of the agent jar belongs to the tier. */
    public static boolean contains(String path) {
        for (String prefix : PATHS) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
