package dev.tripswitch.bridge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.engine.CircuitBreaker;

/**
 * A rule's {@code timeout} on a method that returns a {@code CompletableFuture}: if the
 * future has not completed after that long, the call fails with a
 * {@code TimeoutException}, counted as a failure whatever {@code failOn} says, and the
 * method's own future is cancelled. The application gets a future of its own when the
 * method returned a plain {@code CompletableFuture} (so the method's can be cancelled while
 * the application's fails with the timeout); a subclass (the JDK HttpClient's) is failed
 * in place. The timer is the JDK's shared delayed executor: no thread is made unless a
 * timeout is set, and no thread ever waits on the call.
 */
final class FutureTimeout {
    private FutureTimeout() {
    }

    static Object follow(Binding binding, CircuitBreaker breaker, long permit, long start, Object self,
                         CompletableFuture<?> original, Object[] args, long timeoutNanos) {
        AtomicBoolean settled = new AtomicBoolean();
        CompletableFuture<Object> shown = original.getClass() == CompletableFuture.class ? new CompletableFuture<>() : null;
        original.whenComplete((value, failure) -> {
            if (!settled.compareAndSet(false, true)) {
                return; // the timeout came first: this is its cancellation
            }
            Dispatcher.recordLater(binding, breaker, permit, Dispatcher.duration(start), self, value, failure, args);
            if (shown != null) {
                if (failure != null) {
                    shown.completeExceptionally(failure);
                } else {
                    shown.complete(value);
                }
            }
        });
        CompletableFuture.delayedExecutor(timeoutNanos, TimeUnit.NANOSECONDS).execute(() -> {
            if (!settled.compareAndSet(false, true)) {
                return; // completed in time
            }
            TimeoutException timeout = new TimeoutException(
                    CircuitOpenException.timeoutMessage(breaker.name(), breaker.key(), timeoutNanos));
            try {
                breaker.onFailure(permit, Dispatcher.duration(start), timeout);
            } catch (Throwable e) {
                binding.internalError("timeout", e);
            }
            if (shown != null) {
                original.cancel(true); // first: whoever sees the timeout sees the call stopped
                shown.completeExceptionally(timeout);
            } else {
                original.completeExceptionally(timeout);
            }
        });
        return shown != null ? shown : original;
    }
}
