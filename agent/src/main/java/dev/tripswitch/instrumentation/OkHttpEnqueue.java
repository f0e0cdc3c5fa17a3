package dev.tripswitch.instrumentation;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;

/**
 * OkHttp's {@code call.enqueue(callback)}: the call starts in {@code enqueue} and ends in
 * one of its callback's methods, both naming the {@code Call}. {@code onResponse} is judged
 * on its response ({@code code >= 500} fails), {@code onFailure} fails, unless the
 * application cancelled the call. A rejected call never reaches the server: the callback's
 * {@code onFailure(call, ConnectException)} runs on the client's dispatcher threads, as
 * OkHttp's own failures do, never on the caller's.
 */
final class OkHttpEnqueue implements AsyncCalls {

    @Override
    public Object keyAtStart(Object self, Object[] args) {
        return self; // the Call: both callback methods get it as their first argument
    }

    @Override
    public Completion completion(Object self, String method, Object[] args) {
        if (args == null || args.length != 2 || args[0] == null) {
            return null;
        }
        if (method.equals("onResponse")) {
            return new Completion(args[0], args[1], null, false);
        }
        if (method.equals("onFailure") && args[1] instanceof Throwable) {
            Throwable failure = (Throwable) args[1];
            return new Completion(args[0], null, failure, isCanceled(args[0]));
        }
        return null;
    }

    private static boolean isCanceled(Object call) {
        try {
            return Boolean.TRUE.equals(Reflect.call(call, "isCanceled"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Object reject(Object self, Object[] args, Throwable rejection) throws Exception {
        Object callback = args[0];
        Method onFailure = Reflect.type(self, "okhttp3.Callback")
                .getMethod("onFailure", Reflect.type(self, "okhttp3.Call"), java.io.IOException.class);
        Runnable deliver = new Delivery(onFailure, callback, self, Reflect.asIOException(rejection));
        dispatcher(self).execute(deliver);
        return null; // enqueue returns nothing
    }

    /** The client's dispatcher threads, where OkHttp runs callbacks; a daemon thread of ours if they cannot be reached. */
    private static Executor dispatcher(Object call) {
        try {
            Object client = Reflect.call(call, "getClient");
            Object dispatcher = Reflect.call(client, "dispatcher");
            return (Executor) Reflect.call(dispatcher, "executorService");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return command -> {
                Thread t = new Thread(command, "tripswitch-okhttp-rejection");
                t.setDaemon(true);
                t.start();
            };
        }
    }

    /** Runs the callback's {@code onFailure}; an exception of the application's callback goes to that thread, as OkHttp's would. */
    private static final class Delivery implements Runnable {
        private final Method onFailure;
        private final Object callback;
        private final Object call;
        private final java.io.IOException failure;

        private Delivery(Method onFailure, Object callback, Object call, java.io.IOException failure) {
            this.onFailure = onFailure;
            this.callback = callback;
            this.call = call;
            this.failure = failure;
        }

        @Override
        public void run() {
            try {
                Reflect.invoke(onFailure, callback, call, failure);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
