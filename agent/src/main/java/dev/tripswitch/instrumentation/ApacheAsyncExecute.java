package dev.tripswitch.instrumentation;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * HttpClient 5's async client: every {@code execute} overload funnels into
 * {@code doExecute}, which returns the request's future (a {@code BasicFuture}); the future's
 * {@code completed}, {@code failed} or {@code cancel} settles it, and then calls the
 * application's {@code FutureCallback}, if any. A call that ended before {@code doExecute}
 * returned is read from its future. The result is judged when it is a response
 * ({@code SimpleHttpResponse}) or carries one ({@code Message.getHead()}); another value
 * (a consumer's own type) counts as a success. A rejected call returns a failed future
 * whose failure also reaches the callback's {@code failed}, without blocking the caller.
 */
final class ApacheAsyncExecute implements AsyncCalls {
    static final String FUTURE = "org.apache.hc.core5.concurrent.BasicFuture";
    /** HttpAsyncClient 4.1's future (HttpCore 4's), the same shape one package over. */
    static final String FUTURE_4 = "org.apache.http.concurrent.BasicFuture";

    /** The future's class and the callback type its constructor takes, by name. */
    private final String futureType;
    private final String callback;

    /** HttpClient 5's async client. */
    ApacheAsyncExecute() {
        this(FUTURE, "org.apache.hc.core5.concurrent.FutureCallback");
    }

    /** An async client of that future type (HttpAsyncClient 4.1: {@link #FUTURE_4}, {@code org.apache.http.concurrent.FutureCallback}). */
    ApacheAsyncExecute(String future, String callback) {
        this.futureType = future;
        this.callback = callback;
    }

    @Override
    public Object keyAtStart(Object self, Object[] args) {
        return null; // the future is made inside doExecute
    }

    @Override
    public Object keyOnReturn(Object self, Object returned) {
        return returned instanceof Future<?> ? inner(returned) : null;
    }

    /**
     * HttpAsyncClient 4.1 returns its {@code BasicFuture} inside a {@code FutureWrapper} (to cancel
     * the exchange with it): the call is the inner future's, whose {@code completed}, {@code failed}
     * or {@code cancel} settles it. Any other future is its own.
     */
    private static Object inner(Object returned) {
        java.lang.reflect.Field wrapped = WRAPPED.get(returned.getClass());
        if (wrapped == null) {
            return returned;
        }
        try {
            Object future = wrapped.get(returned);
            return future != null ? future : returned;
        } catch (IllegalAccessException | RuntimeException e) {
            return returned;
        }
    }

    private static final ClassValue<java.lang.reflect.Field> WRAPPED = new ClassValue<java.lang.reflect.Field>() {
        @Override
        protected java.lang.reflect.Field computeValue(Class<?> type) {
            // null for another release's wrapper: the call is keyed by the wrapper itself
            return type.getName().equals("org.apache.http.impl.nio.client.FutureWrapper")
                    ? Reflect.readableField(type, "future", null) : null;
        }
    };

    @Override
    public Completion completedOnReturn(Object returned) {
        Future<?> future = (Future<?>) inner(returned);
        if (!future.isDone()) {
            return null;
        }
        try {
            return new Completion(future, responseOf(future.get()), null, false);
        } catch (CancellationException e) {
            return new Completion(future, null, null, true);
        } catch (ExecutionException e) {
            return new Completion(future, null, e.getCause() != null ? e.getCause() : e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public Completion completion(Object self, String method, Object[] args) {
        switch (method) {
            case "completed":
                return args.length == 1 ? new Completion(self, responseOf(args[0]), null, false) : null;
            case "failed":
                return args.length == 1 && args[0] instanceof Throwable ? new Completion(self, null, ((Throwable) args[0]), false)
                    : null;
            case "cancel":
                return new Completion(self, null, null, true);
            default:
                return null;
        }
    }

    /** The HTTP response in a result: the result itself (5's or 4's), its head, or null when it is neither. */
    static Object responseOf(Object result) {
        if (result == null) {
            return null;
        }
        if (Reflect.has(result, "getCode") || Reflect.has(result, "getStatusLine")) {
            return result;
        }
        try {
            Object head = Reflect.has(result, "getHead") ? Reflect.call(result, "getHead") : null;
            return head != null && Reflect.has(head, "getCode") ? head : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Object reject(Object self, Object[] args, Throwable rejection) throws Exception {
        Class<?> futures = Reflect.type(self, futureType);
        Object given = args.length > 0 ? args[args.length - 1] : null;
        Object failed = futures.getConstructor(Reflect.type(self, callback)).newInstance(given);
        Exception failure = rejection instanceof Exception ? ((Exception) rejection) : new java.io.IOException(rejection.getMessage(), rejection);
        Reflect.invoke(futures.getMethod("failed", Exception.class), failed, failure);
        return failed;
    }
}
