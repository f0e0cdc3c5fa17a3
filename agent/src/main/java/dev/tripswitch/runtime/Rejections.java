package dev.tripswitch.runtime;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.bridge.CallKind;
import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.instrumentation.AsyncCalls;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.LogLevel;
import dev.tripswitch.rules.WhenOpen;

/**
 * What a rejected call ends with, per the rule's {@code whenOpen}: an exception of the
 * named type with the message docs/behaviour.md gives, a literal, a fallback method's answer, or the last
 * good result. Types are resolved in the class loader of the woven class, once per
 * woven method. Whatever cannot be honoured is reported once and the default
 * {@link CircuitOpenException} is thrown instead, never a {@code ClassCastException}.
 */
final class Rejections {
    private final BreakerRule rule;
    private final AgentLog log;
    private final LastGoodCache lastGood;
    private static final Object UNUSABLE = new Object();
    /** Stands for a null answer in the caches (a ConcurrentHashMap holds no nulls). */
    private static final Object NULL_ANSWER = new Object();
    /** Per woven class, per woven method (the advice's constant name+descriptor): the resolved answer. */
    private final ClassValue<Map<String, Object>> answers = new PerOrigin();
    /** The same for the exception thrown when the answer is a throw (or the fallback of one that is not). */
    private final ClassValue<Map<String, Object>> constructors = new PerOrigin();

    private static final class PerOrigin extends ClassValue<Map<String, Object>> {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    }

    Rejections(BreakerRule rule, AgentLog log, LastGoodCache lastGood) {
        this.rule = rule;
        this.log = log;
        this.lastGood = lastGood;
    }

    /** What the rejected call ends with; a literal answer costs no allocation (beyond a future for async methods). */
    Object reject(CircuitBreaker breaker, Class<?> origin, String method, CallKind kind, Object self, Object[] args,
                  AsyncCalls started) throws Exception {
        if (kind == CallKind.START && started != null) {
            return started.reject(self, args, exception(breaker, origin, method, started.ownRejection()));
        }
        boolean async = kind == CallKind.FUTURE;
        WhenOpen whenOpen = rule.whenOpen();
        if (whenOpen instanceof WhenOpen.Return) {
            WhenOpen.Return r = (WhenOpen.Return) whenOpen;
            Object value = returnValue(r, origin, method, async);
            if (value != UNUSABLE) {
                return async ? CompletableFuture.completedFuture(value) : value;
            }
        } else if (whenOpen instanceof WhenOpen.LastGood && lastGood != null) {
            Object value = lastGood.get(args);
            if (value != LastGoodCache.MISS) {
                return async ? CompletableFuture.completedFuture(value) : value;
            }
        }
        long retryAfter = breaker.retryAfterMillis();
        String message = message(breaker, retryAfter);
        if (whenOpen instanceof WhenOpen.Call) {
            WhenOpen.Call c = (WhenOpen.Call) whenOpen;
            Object outcome = callFallback(c, origin, method, async, args, defaultException(message, breaker, retryAfter));
            if (outcome != UNUSABLE) {
                return outcome;
            }
        }
        String type = whenOpen instanceof WhenOpen.Throw ? ((WhenOpen.Throw) whenOpen).type() : WhenOpen.DEFAULT_EXCEPTION;
        Throwable error = exception(type, origin, method, message, breaker, retryAfter, !async);
        return async ? CompletableFuture.failedFuture(error) : new Dispatcher.Throw(error);
    }

    /** Why the call was rejected: the open breaker (with when to retry), or its full bulkhead. */
    private String message(CircuitBreaker breaker, long retryAfter) {
        return breaker.bulkheadFull() ? CircuitOpenException.bulkheadMessage(rule.name(), breaker.key(), breaker.metrics().inFlight())
                : CircuitOpenException.message(rule.name(), breaker.key(), retryAfter);
    }

    /** The rule's exception for a rejected subscription of a Mono or Flux, delivered as its error signal. */
    Throwable failure(CircuitBreaker breaker, Class<?> origin) {
        return exception(breaker, origin, "subscribe", false);
    }

    /**
     * The rule's exception for a rejected call whose failure goes where the library reports
     * failures; with {@code agentsOwn}, the agent's {@code CircuitOpenException} (the library
     * makes its own failure from it, as gRPC's {@code Status}).
     */
    private Throwable exception(CircuitBreaker breaker, Class<?> origin, String method, boolean agentsOwn) {
        long retryAfter = breaker.retryAfterMillis();
        String message = message(breaker, retryAfter);
        String type = !agentsOwn && rule.whenOpen() instanceof WhenOpen.Throw ? ((WhenOpen.Throw) rule.whenOpen()).type() : WhenOpen.DEFAULT_EXCEPTION;
        return exception(type, origin, method, message, breaker, retryAfter, false);
    }

    /**
     * The value cached for a woven method, resolved once. A plain read comes first: calling
     * {@code computeIfAbsent} on every rejection allocated its lambda (32 B/op in
     * WovenBenchmark); this small method is inlined and the caller's lambda then vanishes
     * (0 B/op measured). Only rejections come here, never the closed path.
     */
    private static Object cached(Map<String, Object> known, String method, Supplier<Object> resolve) {
        Object value = known.get(method);
        return value != null ? value : known.computeIfAbsent(method, k -> resolve.get());
    }

    void remember(Object[] args, Object value) {
        if (lastGood != null) {
            lastGood.put(args, value);
        }
    }

    private Throwable defaultException(String message, CircuitBreaker breaker, long retryAfter) {
        return new CircuitOpenException(message, rule.name(), breaker.key(), retryAfter);
    }

    /**
     * The rejection's exception.
     *
     * @param thrown the method throws it, so a checked type it does not declare is worth a warning;
     *               false when it goes to a future or a callback
     */
    private Throwable exception(String type, Class<?> origin, String method, String message, CircuitBreaker breaker,
                                long retryAfter, boolean thrown) {
        if (type.equals(WhenOpen.DEFAULT_EXCEPTION)) {
            return defaultException(message, breaker, retryAfter);
        }
        Object ctor = cached(constructors.get(origin), method, () -> exceptionConstructor(type, origin, method, thrown));
        if (ctor instanceof Constructor<?>) {
            Constructor<?> c = (Constructor<?>) ctor;
            try {
                return (Throwable) (c.getParameterCount() == 1 ? c.newInstance(message) : c.newInstance());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                report("throw", "cannot create " + type + ": " + e);
            }
        }
        return defaultException(message, breaker, retryAfter);
    }

    private Object exceptionConstructor(String type, Class<?> origin, String method, boolean thrown) {
        try {
            Class<?> k = Class.forName(type, false, origin.getClassLoader());
            if (!Throwable.class.isAssignableFrom(k)) {
                report("throw", type + " is not an exception; throwing " + WhenOpen.DEFAULT_EXCEPTION);
                return UNUSABLE;
            }
            MethodShape shape = thrown ? MethodShape.of(origin, method) : null;
            if (shape != null && !shape.declares(k)) {
                report("throw " + origin.getName() + "#" + method, origin.getName() + "#" + shape.name()
                        + " does not declare the checked " + type + ": callers cannot catch it by that type");
            }
            try {
                return k.getConstructor(String.class);
            } catch (NoSuchMethodException e) {
                report("throw", type + " has no (String) constructor: its instances carry no message");
                return k.getConstructor();
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            report("throw", "cannot use " + type + " from " + origin.getName() + ": " + e
                    + "; throwing " + WhenOpen.DEFAULT_EXCEPTION);
            return UNUSABLE;
        }
    }

    private Object returnValue(WhenOpen.Return r, Class<?> origin, String method, boolean async) {
        Object answer = cached(answers.get(origin), method, () -> {
            if (async) {
                return r.empty() || r.value() == null ? NULL_ANSWER : r.value();
            }
            try {
                Object value = ReturnValues.coerce(r.value(), r.empty(), MethodShape.of(origin, method).returnType());
                return value == null ? NULL_ANSWER : value;
            } catch (IllegalArgumentException | ClassNotFoundException | LinkageError e) {
                report("return " + origin.getName() + "#" + method, "whenOpen.return cannot be used for "
                        + origin.getName() + "#" + method + ": " + e.getMessage() + "; throwing "
                        + WhenOpen.DEFAULT_EXCEPTION + " instead");
                return UNUSABLE;
            }
        });
        return answer == NULL_ANSWER ? null : answer;
    }

    private Object callFallback(WhenOpen.Call c, Class<?> origin, String method, boolean async, Object[] args,
                                Throwable cause) {
        Object found = cached(answers.get(origin), method, () -> fallbackMethod(c, origin, method));
        if (!(found instanceof Method)) {
            return UNUSABLE;
        }
        Method m = (Method) found;
        Object[] callArgs = args == null ? new Object[0] : args;
        if (m.getParameterCount() == callArgs.length + 1) {
            callArgs = Arrays.copyOf(callArgs, callArgs.length + 1);
            callArgs[callArgs.length - 1] = cause;
        }
        try {
            Object value = m.invoke(null, callArgs);
            if (async && !(value instanceof CompletionStage)) {
                return CompletableFuture.completedFuture(value);
            }
            return value;
        } catch (InvocationTargetException e) {
            // the fallback's own exception is the application's answer
            return async ? CompletableFuture.failedFuture(e.getCause()) : new Dispatcher.Throw(e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            report("call", "cannot call " + c.className() + "#" + c.method() + ": " + e);
            return UNUSABLE;
        }
    }

    private Object fallbackMethod(WhenOpen.Call c, Class<?> origin, String method) {
        try {
            MethodShape shape = MethodShape.of(origin, method);
            Class<?> k = Class.forName(c.className(), true, origin.getClassLoader());
            for (Method m : k.getDeclaredMethods()) {
                if (!m.getName().equals(c.method()) || !Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Class<?>[] p = m.getParameterTypes();
                boolean same = Arrays.equals(p, shape.parameters());
                boolean withCause = p.length == shape.parameters().length + 1
                        && Arrays.equals(Arrays.copyOf(p, p.length - 1), shape.parameters())
                        && p[p.length - 1].isAssignableFrom(CircuitOpenException.class);
                boolean returns = shape.returnType() == void.class
                        || ReturnValues.box(shape.returnType()).isAssignableFrom(ReturnValues.box(m.getReturnType()));
                if ((same || withCause) && returns) {
                    m.setAccessible(true);
                    return m;
                }
            }
            report("call " + origin.getName() + "#" + method, "whenOpen.call: " + c.className() + " has no static "
                    + c.method() + Arrays.toString(shape.parameters()).replace('[', '(').replace(']', ')')
                    + " (optionally with a Throwable last) returning " + shape.returnType().getName()
                    + "; throwing " + WhenOpen.DEFAULT_EXCEPTION + " instead");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            report("call", "whenOpen.call: cannot load " + c.className() + ": " + e + "; throwing "
                    + WhenOpen.DEFAULT_EXCEPTION + " instead");
        }
        return UNUSABLE;
    }

    private void report(String what, String message) {
        log.once(LogLevel.WARN, rule.name() + "/" + what, "breaker=" + rule.name() + " " + message);
    }
}
