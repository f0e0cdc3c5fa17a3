package dev.tripswitch.jmx;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Transition;
import dev.tripswitch.engine.TransitionListener;

/**
 * The MXBean of one breaker: reads the engine, calls its public operations, and turns
 * each transition into an {@link AttributeChangeNotification} on {@code State}, delivered
 * by the exporter's executor (never on the thread of the call that caused it).
 */
final class BreakerView extends NotificationBroadcasterSupport implements BreakerMXBean, TransitionListener {
    private final CircuitBreaker breaker;
    private final ObjectName name;
    private final Supplier<List<String>> targets;
    private final AtomicLong sequence = new AtomicLong();

    BreakerView(CircuitBreaker breaker, ObjectName name, Supplier<List<String>> targets, Executor executor) {
        super(executor, new MBeanNotificationInfo(new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
                AttributeChangeNotification.class.getName(), "The breaker's State changed; the message says why"));
        this.breaker = breaker;
        this.name = name;
        this.targets = targets;
    }

    ObjectName objectName() {
        return name;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public void onTransition(CircuitBreaker b, Transition t) {
        sendNotification(new AttributeChangeNotification(name, sequence.incrementAndGet(), t.atMillis(), t.reason(),
                "State", String.class.getName(), t.from().name(), t.to().name()));
    }

    @Override
    public String getName() {
        return breaker.name();
    }

    @Override
    public String getKey() {
        return breaker.key();
    }

    @Override
    public String getState() {
        return breaker.state().name();
    }

    @Override
    public String getStateReason() {
        return breaker.stateReason();
    }

    @Override
    public String getMode() {
        return breaker.config().mode().name();
    }

    @Override
    public double getFailureRate() {
        return round(breaker.metrics().failureRate());
    }

    @Override
    public double getSlowCallRate() {
        return round(breaker.metrics().slowCallRate());
    }

    @Override
    public long getWindowCalls() {
        return breaker.metrics().windowCalls();
    }

    @Override
    public long getWindowFailures() {
        return breaker.metrics().windowFailures();
    }

    @Override
    public long getWindowSlowCalls() {
        return breaker.metrics().windowSlowCalls();
    }

    @Override
    public long getTotalCalls() {
        return breaker.metrics().totalCalls();
    }

    @Override
    public long getTotalSuccesses() {
        return breaker.metrics().totalSuccesses();
    }

    @Override
    public long getTotalFailures() {
        return breaker.metrics().totalFailures();
    }

    @Override
    public long getTotalIgnored() {
        return breaker.metrics().totalIgnored();
    }

    @Override
    public long getTotalSlowCalls() {
        return breaker.metrics().totalSlowCalls();
    }

    @Override
    public long getTotalRejected() {
        return breaker.metrics().totalRejected();
    }

    @Override
    public long getTotalBulkheadRejected() {
        return breaker.metrics().totalBulkheadRejected();
    }

    @Override
    public long getTotalRetries() {
        return breaker.metrics().totalRetries();
    }

    @Override
    public int getInFlight() {
        return breaker.metrics().inFlight();
    }

    @Override
    public long getWouldReject() {
        return breaker.metrics().wouldReject();
    }

    @Override
    public int getConsecutiveFailures() {
        return breaker.metrics().consecutiveFailures();
    }

    @Override
    public long getTimesOpened() {
        return breaker.metrics().timesOpened();
    }

    @Override
    public String getStateChangedAt() {
        return iso(breaker.stateChangedAtMillis());
    }

    @Override
    public long getRetryAfterMillis() {
        return breaker.retryAfterMillis();
    }

    @Override
    public long getOpenForMillis() {
        return breaker.openForMillis();
    }

    @Override
    public String getLastFailure() {
        return breaker.metrics().lastFailure();
    }

    @Override
    public String getLastFailureAt() {
        return iso(breaker.metrics().lastFailureAtMillis());
    }

    @Override
    public String getLastSuccessAt() {
        return iso(breaker.metrics().lastSuccessAtMillis());
    }

    @Override
    public double getLatencyP50Millis() {
        return round(breaker.metrics().latencyP50Millis());
    }

    @Override
    public double getLatencyP99Millis() {
        return round(breaker.metrics().latencyP99Millis());
    }

    @Override
    public String[] getTargets() {
        return targets.get().toArray(new String[0]);
    }

    @Override
    public double getFailureRateThreshold() {
        return breaker.config().failureRateThreshold();
    }

    @Override
    public void setFailureRateThreshold(double percent) {
        breaker.reconfigure(c -> c.toBuilder().failureRate(percent).build());
    }

    @Override
    public long getSlowCallMillis() {
        return TimeUnit.NANOSECONDS.toMillis(breaker.config().slowCallNanos());
    }

    @Override
    public void setSlowCallMillis(long millis) {
        breaker.reconfigure(c -> c.toBuilder().slowCallNanos(TimeUnit.MILLISECONDS.toNanos(millis)).build());
    }

    @Override
    public long getOpenForBaseMillis() {
        return TimeUnit.NANOSECONDS.toMillis(breaker.config().openForNanos());
    }

    @Override
    public void setOpenForBaseMillis(long millis) {
        breaker.reconfigure(c -> c.toBuilder().openForNanos(TimeUnit.MILLISECONDS.toNanos(millis)).build());
    }

    @Override
    public int getMinimumCalls() {
        return breaker.config().minimumCalls();
    }

    @Override
    public void setMinimumCalls(int calls) {
        breaker.reconfigure(c -> c.toBuilder().minimumCalls(calls).build());
    }

    @Override
    public int getConsecutiveFailuresThreshold() {
        return breaker.config().consecutiveFailures();
    }

    @Override
    public void setConsecutiveFailuresThreshold(int failures) {
        breaker.reconfigure(c -> c.toBuilder().consecutiveFailures(failures).build());
    }

    @Override
    public void reset() {
        breaker.reset("reset over JMX");
    }

    @Override
    public void forceOpen() {
        breaker.forceOpen("forced open over JMX");
    }

    @Override
    public void disable() {
        breaker.disable("disabled over JMX");
    }

    private static String iso(long millis) {
        return millis <= 0 ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static double round(double value) {
        return value < 0 ? value : Math.round(value * 100.0) / 100.0;
    }
}
