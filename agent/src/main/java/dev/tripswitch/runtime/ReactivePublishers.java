package dev.tripswitch.runtime;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Permit;

/**
 * Guards each subscription of a Reactor {@code Mono} or {@code Flux}: the agent bundles no
 * Reactor, so it uses the application's, through the public operators every Reactor 3 has
 * ({@code defer}, {@code error}, {@code doOnSuccess}/{@code doOnComplete}, {@code doOnError},
 * {@code doOnCancel}), found from the publisher's own class loader and remembered per class.
 *
 * <p>A subscription asks for a permit; a rejected one gets an error publisher of the same type
 * at once. The terminal signal records the call, once: a {@code Mono}'s value (or empty) is
 * judged like a returned value, an error is judged like a thrown exception, and a cancelled
 * subscription is judged by its time in flight ({@link CircuitBreaker#onCancelled}): a long
 * one is a client's timeout, a failure; a quick one counts neither way. With the rule's
 * {@code timeout}, a subscription without its terminal signal in time gets a
 * {@code TimeoutException} (Reactor's {@code timeout} operator, which cancels the source),
 * counted as a failure.
 */
final class ReactivePublishers {
    /** One Reactor type's operators. */
    private static final class Operators {
        private final boolean mono;
        private final Method defer;
        private final Method error;
        private final Method onValue;
        private final Method onError;
        private final Method onCancel;
        private final Method timeout;
        private final Method onErrorResume;
        private final Method delaySubscription;
        private final Context context;

        private Operators(boolean mono, Method defer, Method error, Method onValue, Method onError, Method onCancel, Method timeout, Method onErrorResume, Method delaySubscription, Context context) {
            this.mono = mono;
            this.defer = defer;
            this.error = error;
            this.onValue = onValue;
            this.onError = onError;
            this.onCancel = onCancel;
            this.timeout = timeout;
            this.onErrorResume = onErrorResume;
            this.delaySubscription = delaySubscription;
            this.context = context;
        }

        public boolean mono() {
            return mono;
        }

        public Method defer() {
            return defer;
        }

        public Method error() {
            return error;
        }

        public Method onValue() {
            return onValue;
        }

        public Method onError() {
            return onError;
        }

        public Method onCancel() {
            return onCancel;
        }

        public Method timeout() {
            return timeout;
        }

        public Method onErrorResume() {
            return onErrorResume;
        }

        public Method delaySubscription() {
            return delaySubscription;
        }

        public Context context() {
            return context;
        }
    }

    /**
     * Reactor 3.4's subscriber context, through which a covering rule's subscription tells the
     * publishers subscribed inside it, on whatever thread, that they are part of its call;
     * null on an older Reactor (a covered rule's subscriptions then count on their own).
     */
    private static final class Context {
        private final Method deferContextual;
        private final Method contextWrite;
        private final Method hasKey;
        private final Method put;

        private Context(Method deferContextual, Method contextWrite, Method hasKey, Method put) {
            this.deferContextual = deferContextual;
            this.contextWrite = contextWrite;
            this.hasKey = hasKey;
            this.put = put;
        }

        public Method deferContextual() {
            return deferContextual;
        }

        public Method contextWrite() {
            return contextWrite;
        }

        public Method hasKey() {
            return hasKey;
        }

        public Method put() {
            return put;
        }
    }

    private static final ClassValue<Operators> OPERATORS = new ClassValue<>() {
        @Override
        protected Operators computeValue(Class<?> type) {
            return operatorsOf(type);
        }
    };

    /** What a subscription needs from the rule: its breaker, how to judge, what a rejection is. */
    interface Guard {
        CircuitBreaker breakerFor(Object self, Object[] args);

        void record(CircuitBreaker breaker, long permit, long durationNanos, Object value, Throwable failure);

        /** Reports a failure of the agent's own code; the subscription then runs unguarded. */
        void internalError(Throwable error);

        /** The rejection's error, its type resolved from {@code origin}'s class loader, shaped as the library's. */
        Throwable rejection(CircuitBreaker breaker, Class<?> origin, Object self, Object[] args);

        /**
         * The key this rule's subscriptions put in their subscriber's context while they run, or
         * null when the rule covers no other (docs/presets.md, "One request, one call").
         */
        String callKey();

        /** The context keys of the rules that cover this one: inside their subscriptions, this rule's count nothing. */
        String[] coveringKeys();

        /** Whether a call of a rule that covers this one is running on this thread (a blocking call around it). */
        boolean coveredOnThisThread();

        /** Whether the rule retries at all (else no retry operators are added). */
        boolean retries();

        /**
         * The gate of a subscription that only passes through to the calls that count (a
         * connection pool's checkout, which makes its connections with calls of its own), or null
         * when the subscription is a call.
         */
        default CircuitBreaker.Gate passThrough(Object self, CircuitBreaker breaker) {
            return null;
        }

        /** The wait before retry {@code n} of a subscription that failed, or -1 not to retry it. */
        long retryDelay(CircuitBreaker breaker, int n, Object self, Object[] args, Throwable failure);
    }

    private ReactivePublishers() {
    }

    /** {@code publisher} guarded per subscription, or {@code publisher} itself when it is no Mono or Flux. */
    static Object guard(Object publisher, Object self, Object[] args, Guard guard) throws ReflectiveOperationException {
        Operators ops = OPERATORS.get(publisher.getClass());
        if (ops == null) {
            return publisher;
        }
        Object guarded;
        if (guard.retries()) { // each subscription its own chain of attempts
            Supplier<Object> chain = () -> attempt(ops, publisher, self, args, guard, 1);
            guarded = ops.defer().invoke(null, chain);
        } else {
            Supplier<Object> perSubscription = () -> subscribe(ops, publisher, self, args, guard, null);
            guarded = ops.defer().invoke(null, perSubscription);
        }
        String[] covering = guard.coveringKeys();
        if (covering.length == 0) {
            return guarded;
        }
        // a covered rule: inside a covering rule's call (its subscription's context, or a blocking call on this
        // thread) the publisher is that call's, subscribed as it is
        Context context = ops.context();
        if (context == null) {
            Supplier<Object> unlessCovered = () -> guard.coveredOnThisThread() ? publisher : guarded;
            return ops.defer().invoke(null, unlessCovered);
        }
        java.util.function.Function<Object, Object> unlessCovered = view -> {
            if (guard.coveredOnThisThread()) {
                return publisher;
            }
            try {
                for (String key : covering) {
                    if ((Boolean) context.hasKey().invoke(view, key)) {
                        return publisher;
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                guard.internalError(e);
            }
            return guarded;
        };
        return context.deferContextual().invoke(null, unlessCovered);
    }

    /**
     * {@code p} telling what it subscribes that it runs inside this rule's call, when the rule
     * covers others; {@code p} itself otherwise.
     */
    private static Object carryingCall(Operators ops, Object p, Guard guard) throws ReflectiveOperationException {
        String key = guard.callKey();
        Context context = ops.context();
        if (key == null || context == null) {
            return p;
        }
        java.util.function.Function<Object, Object> mark = c -> {
            try {
                return context.put().invoke(c, key, Boolean.TRUE);
            } catch (ReflectiveOperationException e) {
                guard.internalError(e);
                return c;
            }
        };
        return context.contextWrite().invoke(p, mark);
    }

    /** What one attempt's subscription found: its breaker, and whether it rejected the attempt. */
    private static final class Attempt {
        CircuitBreaker breaker;
        boolean rejected;
    }

    /**
     * Attempt {@code n} of a subscription: subscribed like any other, and if it fails in a way
     * the rule retries, attempt n + 1 is subscribed after the rule's delay (Reactor's timer:
     * no thread waits). A rejected attempt ends the retries with its rejection.
     */
    private static Object attempt(Operators ops, Object publisher, Object self, Object[] args, Guard guard, int n) {
        Attempt attempt = new Attempt();
        try {
            Supplier<Object> once = () -> subscribe(ops, publisher, self, args, guard, attempt);
            Object deferred = ops.defer().invoke(null, once);
            java.util.function.Function<Throwable, Object> retry = failure -> {
                try {
                    CircuitBreaker breaker = attempt.breaker;
                    long wait = attempt.rejected || breaker == null ? -1
                            : guard.retryDelay(breaker, n, self, args, failure);
                    if (wait < 0) {
                        return ops.error().invoke(null, failure);
                    }
                    breaker.onRetry();
                    Object next = attempt(ops, publisher, self, args, guard, n + 1);
                    return wait == 0 || breaker.rejectsNow() ? next
                            : ops.delaySubscription().invoke(next, java.time.Duration.ofNanos(wait));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    guard.internalError(e);
                    throw new IllegalStateException(failure); // unreachable in practice: Reactor's own operators
                }
            };
            return ops.onErrorResume().invoke(deferred, retry);
        } catch (ReflectiveOperationException | RuntimeException e) {
            guard.internalError(e);
            return publisher;
        }
    }

    private static Object subscribe(Operators ops, Object publisher, Object self, Object[] args, Guard guard,
                                    Attempt attempt) {
        try {
            CircuitBreaker breaker = guard.breakerFor(self, args);
            if (breaker == null) {
                return publisher;
            }
            CircuitBreaker.Gate gate = guard.passThrough(self, breaker);
            if (gate != null) { // rejected while its breaker would reject, else runs uncounted
                return gate.admits() ? publisher : ops.error().invoke(null, guard.rejection(breaker,
                        self != null ? self.getClass() : publisher.getClass(), self, args));
            }
            if (attempt != null) {
                attempt.breaker = breaker;
            }
            long permit = breaker.acquire();
            if (Permit.isRejected(permit)) {
                if (attempt != null) {
                    attempt.rejected = true;
                }
                return ops.error().invoke(null, guard.rejection(breaker,
                        self != null ? self.getClass() : publisher.getClass(), self, args));
            }
            long timeout = breaker.config().timeoutNanos();
            java.util.concurrent.TimeoutException late = timeout <= 0 ? null : new java.util.concurrent.TimeoutException(
                    dev.tripswitch.CircuitOpenException.timeoutMessage(breaker.name(), breaker.key(), timeout));
            Subscription s = new Subscription(guard, breaker, permit, System.nanoTime(), late);
            Object source = late == null ? publisher : ops.timeout().invoke(publisher,
                    java.time.Duration.ofNanos(timeout), ops.error().invoke(null, late));
            Object p = ops.onValue().invoke(source, ops.mono() ? (Consumer<Object>) s::value : (Runnable) s::complete);
            p = ops.onError().invoke(p, (Consumer<Throwable>) s::error);
            return carryingCall(ops, ops.onCancel().invoke(p, (Runnable) s::cancel), guard);
        } catch (ReflectiveOperationException | RuntimeException e) {
            guard.internalError(e);
            return publisher; // the subscription runs unguarded rather than fail
        }
    }

    /** One subscription's call, settled once by whichever terminal signal comes first. */
    private static final class Subscription {
        private final Guard guard;
        private final CircuitBreaker breaker;
        private final long permit;
        private final long start;
        private final AtomicBoolean settled = new AtomicBoolean();
        /** The error this subscription's timeout signals, or null without a timeout. */
        private final Throwable late;

        Subscription(Guard guard, CircuitBreaker breaker, long permit, long start, Throwable late) {
            this.guard = guard;
            this.breaker = breaker;
            this.permit = permit;
            this.start = start;
            this.late = late;
        }

        void value(Object value) {
            if (settled.compareAndSet(false, true)) {
                guard.record(breaker, permit, System.nanoTime() - start, value, null);
            }
        }

        void complete() {
            value(null);
        }

        void error(Throwable failure) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            if (failure == late) {
                breaker.onFailure(permit, System.nanoTime() - start, failure); // a timeout fails whatever failOn says
            } else {
                guard.record(breaker, permit, System.nanoTime() - start, null, failure);
            }
        }

        void cancel() {
            if (settled.compareAndSet(false, true)) {
                breaker.onCancelled(permit, System.nanoTime() - start); // a client's timeout cancels, too
            }
        }
    }

    private static Operators operatorsOf(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        try {
            Class<?> mono = Class.forName("reactor.core.publisher.Mono", false, loader);
            Class<?> flux = Class.forName("reactor.core.publisher.Flux", false, loader);
            boolean isMono = mono.isAssignableFrom(type);
            Class<?> api = isMono ? mono : flux.isAssignableFrom(type) ? flux : null;
            if (api == null) {
                return null;
            }
            return new Operators(isMono, api.getMethod("defer", Supplier.class), api.getMethod("error", Throwable.class),
                    isMono ? api.getMethod("doOnSuccess", Consumer.class) : api.getMethod("doOnComplete", Runnable.class),
                    api.getMethod("doOnError", Consumer.class), api.getMethod("doOnCancel", Runnable.class),
                    api.getMethod("timeout", java.time.Duration.class,
                            isMono ? mono : Class.forName("org.reactivestreams.Publisher", false, loader)),
                    api.getMethod("onErrorResume", java.util.function.Function.class),
                    api.getMethod("delaySubscription", java.time.Duration.class), contextOf(api, loader));
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }

    /** Reactor 3.4's context operators on {@code api} (Mono or Flux), or null on an older Reactor. */
    private static Context contextOf(Class<?> api, ClassLoader loader) {
        try {
            Class<?> view = Class.forName("reactor.util.context.ContextView", false, loader);
            Class<?> context = Class.forName("reactor.util.context.Context", false, loader);
            return new Context(api.getMethod("deferContextual", java.util.function.Function.class),
                    api.getMethod("contextWrite", java.util.function.Function.class),
                    view.getMethod("hasKey", Object.class), context.getMethod("put", Object.class, Object.class));
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }
}
