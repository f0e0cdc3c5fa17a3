package dev.tripswitch.bridge;

import dev.tripswitch.engine.CircuitBreaker;

/**
 * A binding whose step named {@code failing} throws, once (an exception, or an error when
 * {@code error}); its report of the failure throws too when {@code reportFails}. For the
 * fault-injection tests of the Dispatcher and of woven code.
 */
public final class FaultyBinding extends Binding {
    private final CircuitBreaker breaker;
    public String failing;
    final boolean error;
    final boolean reportFails;
    public int reports;

    public FaultyBinding(CircuitBreaker breaker, String failing, boolean error, boolean reportFails) {
        this.breaker = breaker;
        this.failing = failing;
        this.error = error;
        this.reportFails = reportFails;
    }

    private void maybeFail(String step) {
        if (step.equals(failing)) {
            failing = null;
            if (error) {
                throw new StackOverflowError("injected in " + step);
            }
            throw new IllegalStateException("injected in " + step);
        }
    }

    @Override
    public CircuitBreaker breakerFor(Object self, Object[] args) {
        maybeFail("breakerFor");
        return breaker;
    }

    @Override
    public void covered(Object self) {
        maybeFail("covered");
    }

    @Override
    public void record(CircuitBreaker b, long permit, long durationNanos, Object self, Object returned,
                       Throwable thrown, Object[] args) {
        b.onSuccess(permit, durationNanos);
        maybeFail("record"); // after settling: a second settle would show in the bulkhead's count
    }

    @Override
    public Object rejected(CircuitBreaker b, Class<?> origin, String method, CallKind kind, Object self, Object[] args) {
        maybeFail("rejected");
        return "fallback";
    }

    @Override
    public void park(CircuitBreaker b, long permit, long start, Object self, Object[] args) {
        maybeFail("park");
    }

    @Override
    public void started(CircuitBreaker b, long permit, long start, Object self, Object returned, Throwable thrown,
                        Object[] args) {
        b.onSuccess(permit, -1);
        maybeFail("started");
    }

    @Override
    public void completed(Object self, String method, Object[] args) {
        maybeFail("completed");
    }

    @Override
    public void internalError(String where, Throwable e) {
        reports++;
        if (reportFails) {
            throw new OutOfMemoryError("the report failed too");
        }
    }
}
