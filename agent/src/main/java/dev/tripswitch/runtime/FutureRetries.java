package dev.tripswitch.runtime;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.instrumentation.Reflect;

/**
 * Retries of a method that returns a {@code CompletableFuture}: the application gets a future
 * of its own that follows the first attempt's; when that fails in a way the rule retries,
 * the method runs again after the rule's delay on the JDK's shared delayed executor (no
 * thread waits), through its woven code, so each attempt is a call of the breaker with its
 * own permit. An attempt the breaker rejects ends the retries with the rejection; the last
 * failure ends them when the attempts are used up. Cancelling the application's future
 * cancels the attempt in flight and starts no other.
 */
final class FutureRetries {
    /** The method to run again, per declaring class and name+descriptor: found once. */
    private static final ClassValue<Map<String, Method>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** What the retries ask of the rule. */
    interface Policy {
        /** The wait before retry {@code n}, or -1 not to retry this failure. */
        long delay(CircuitBreaker breaker, int n, String method, Object self, Object[] args, Throwable failure);

        void internalError(String where, Throwable error);
    }

    private FutureRetries() {
    }

    /**
     * The future to give the application for {@code first}, or {@code first} itself when the
     * method cannot be run again from here (its declared type is not {@code CompletableFuture}
     * or {@code CompletionStage}, or no accessible declaration exists).
     */
    static Object follow(int ruleId, CircuitBreaker breaker, CompletionStage<?> first, Class<?> origin, String method,
                         Object self, Object[] args, Policy policy) {
        Method m = method(origin, method);
        if (m == null || !m.getReturnType().isAssignableFrom(CompletableFuture.class)) {
            return first;
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        AtomicReference<CompletionStage<?>> current = new AtomicReference<>(first);
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                current.get().toCompletableFuture().cancel(true);
            }
        });
        new Attempts(ruleId, breaker, m, self, args, policy, result, current).follow(first, 1);
        return result;
    }

    /** The method named by {@code method} (name and descriptor), declared by {@code origin}, callable from here. */
    private static Method method(Class<?> origin, String method) {
        return METHODS.get(origin).computeIfAbsent(method, nameAndDescriptor -> {
            try {
                int paren = nameAndDescriptor.indexOf('(');
                String name = nameAndDescriptor.substring(0, paren);
                Class<?>[] parameters = MethodType.fromMethodDescriptorString(nameAndDescriptor.substring(paren),
                        origin.getClassLoader()).parameterArray();
                Method m = Reflect.accessibleMethod(origin, name, parameters);
                if (m == null) {
                    m = origin.getDeclaredMethod(name, parameters);
                    if (!m.trySetAccessible()) {
                        return null;
                    }
                }
                return m;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        });
    }

    /** One call's chain of attempts. */
    private static final class Attempts {
        private final int ruleId;
        private final CircuitBreaker breaker;
        private final Method method;
        private final Object self;
        private final Object[] args;
        private final Policy policy;
        private final CompletableFuture<Object> result;
        private final AtomicReference<CompletionStage<?>> current;

        private Attempts(int ruleId, CircuitBreaker breaker, Method method, Object self, Object[] args, Policy policy, CompletableFuture<Object> result, AtomicReference<CompletionStage<?>> current) {
            this.ruleId = ruleId;
            this.breaker = breaker;
            this.method = method;
            this.self = self;
            this.args = args;
            this.policy = policy;
            this.result = result;
            this.current = current;
        }


        /** Follows attempt {@code n}'s future: its value ends the call, its failure may start attempt n + 1. */
        void follow(CompletionStage<?> attempt, int n) {
            attempt.whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                    return;
                }
                long wait;
                try {
                    wait = result.isDone() ? -1 : policy.delay(breaker, n, method.getName(), self, args, failure);
                } catch (Throwable e) {
                    policy.internalError("retry", e);
                    wait = -1;
                }
                if (wait < 0) {
                    result.completeExceptionally(failure);
                    return;
                }
                breaker.onRetry();
                long delay = breaker.rejectsNow() ? 0 : wait; // never wait on an open breaker
                CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS).execute(() -> again(n + 1));
            });
        }

        /** Runs the method again, as attempt {@code n}. */
        private void again(int n) {
            if (result.isDone()) {
                return; // cancelled while waiting
            }
            Object next;
            boolean rejected;
            Dispatcher.retryRunStarts(ruleId);
            try {
                next = method.invoke(self, args);
            } catch (InvocationTargetException e) {
                next = CompletableFuture.failedFuture(e.getCause());
            } catch (Throwable e) {
                policy.internalError("retry", e);
                next = null;
            } finally {
                rejected = Dispatcher.retryRunEnds();
            }
            if (!(next instanceof CompletionStage<?>)) {
                result.completeExceptionally(new IllegalStateException("retry returned no future: " + next));
                return;
            }
            CompletionStage<?> stage = (CompletionStage<?>) next;
            current.set(stage);
            if (result.isCancelled()) {
                stage.toCompletableFuture().cancel(true);
                return;
            }
            if (rejected) { // the breaker opened: its rejection is the answer, no more waiting
                stage.whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
                return;
            }
            follow(stage, n);
        }
    }
}
