package dev.tripswitch.instrumentation;

import java.util.Set;

/**
 * grpc-java's client calls, whatever the stub (blocking, future, async, streaming): a call
 * starts at {@code ManagedChannel.newCall} (the channel the application built, which knows
 * the authority; the channels grpc-java makes inside it are not counted, since it may create
 * the real call on one of them later, on another thread), is
 * handed to its listener by {@code ClientCall.start}, and ends in that listener's
 * {@code onClose(Status, Metadata)}. The status decides: {@code UNAVAILABLE},
 * {@code DEADLINE_EXCEEDED}, {@code RESOURCE_EXHAUSTED}, {@code INTERNAL} and {@code UNKNOWN}
 * fail (recorded as the status's {@code StatusRuntimeException}), {@code CANCELLED} counts
 * neither way, any other status (the server answered) succeeds. A rejected {@code newCall}
 * returns a call that closes with {@code UNAVAILABLE} and the breaker's message without
 * touching the network (see {@link RejectedGrpcCalls}).
 */
final class GrpcCalls implements AsyncCalls {
    static final Set<String> FAILING = Set.of("UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "INTERNAL",
            "UNKNOWN");

    @Override
    public Object keyAtStart(Object self, Object[] args) {
        return null; // the call is made by newCall
    }

    @Override
    public Object keyOnReturn(Object self, Object returned) {
        return returned;
    }

    @Override
    public Completion completedOnReturn(Object returned) {
        return null; // a call does nothing before it is started
    }

    @Override
    public Completion completion(Object self, String method, Object[] args) {
        if (args == null || args.length != 2 || args[0] == null) {
            return null;
        }
        if (method.equals("start")) {
            return Completion.moved(self, args[0]); // ClientCall.start(listener, headers)
        }
        if (!method.equals("onClose")) {
            return null;
        }
        try {
            Object status = args[0];
            String code = String.valueOf(Reflect.call(status, "getCode"));
            if (code.equals("CANCELLED")) {
                return new Completion(self, null, null, true);
            }
            Throwable failure = FAILING.contains(code) ? (Throwable) Reflect.call(status, "asRuntimeException") : null;
            return new Completion(self, null, failure, false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Object reject(Object self, Object[] args, Throwable rejection) throws Exception {
        ClassLoader loader = self.getClass().getClassLoader();
        Class<?> statuses = Class.forName("io.grpc.Status", false, loader);
        Object status = statuses.getField("UNAVAILABLE").get(null);
        status = statuses.getMethod("withDescription", String.class).invoke(status, rejection.getMessage());
        status = statuses.getMethod("withCause", Throwable.class).invoke(status, rejection);
        return RejectedGrpcCalls.closingWith(Class.forName("io.grpc.ClientCall", false, loader), status);
    }

    @Override
    public boolean ownRejection() {
        return true;
    }
}
