package dev.tripswitch.instrumentation;

import java.util.List;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;

/** grpc-java ({@code io.grpc}): every client call, through the channel, the call and its listener. */
final class GrpcInstrumentation extends ClientLibrary implements HostProbe {
    /** The name rules.yml gives this preset. */
    static final String PRESET = "grpc";

    private static final MatchSpec NEW_CALL = new MatchSpec("io.grpc.ManagedChannel", true, List.of("newCall"), null,
            MatchSpec.Role.START);
    private static final MatchSpec CALL_STARTS = new MatchSpec("io.grpc.ClientCall", true, List.of("start"), null,
            MatchSpec.Role.COMPLETE);
    private static final MatchSpec CALL_CLOSES = new MatchSpec("io.grpc.ClientCall$Listener", true,
            List.of("onClose"), null, MatchSpec.Role.COMPLETE);

    GrpcInstrumentation() {
        super(PRESET);
    }

    /** A channel's authority, {@code host:port}, read through the public {@code io.grpc.Channel}. */
    @Override
    public HostProbe.Reader readerFor(Class<?> type) {
        Class<?> channel = Reflect.superclassNamed(type, "io.grpc.Channel");
        if (channel == null) {
            return null;
        }
        try {
            java.lang.reflect.Method authority = channel.getMethod("authority");
            return (o, next) -> (String) authority.invoke(o);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    ClientInstrumentation definition() {
        List<MatchSpec> all = List.of(NEW_CALL, CALL_STARTS, CALL_CLOSES);
        return new ClientInstrumentation(PRESET, "grpc-java (`io.grpc`)", ClientInstrumentation.HOST,
                new FailOn(List.of("io.grpc.StatusRuntimeException"), List.of(), List.of(), List.of(), List.of()),
                new WhenOpen.Throw("io.grpc.StatusRuntimeException"), false, List.of(
                CallStyle.woven("gRPC", "blocking stub", "grpc-java 1.85", all, "judged on the call's closing status;"
                        + " when open, `StatusRuntimeException` `UNAVAILABLE` with the breaker's message", "`GrpcIT` (Java 11, 17, 25)"),
                CallStyle.woven("gRPC", "future stub (`ListenableFuture`)", "grpc-java 1.85", all,
                        "when open, the future fails with `StatusRuntimeException` `UNAVAILABLE`", "`GrpcIT` (Java 11, 17, 25)"),
                CallStyle.woven("gRPC", "async stub (`StreamObserver`)", "grpc-java 1.85", all,
                        "when open, `onError(StatusRuntimeException UNAVAILABLE)`", "`GrpcIT` (Java 11, 17, 25)")),
                "Keyed by the channel's authority (`host:port`). A call starts at `ManagedChannel.newCall` (the"
                        + " channel the application built; grpc-java's inner channels, which may make the real call"
                        + " later on another thread, are not counted; interceptors around it are fine), is handed to its listener by"
                        + " `ClientCall.start` and is judged in the listener's `onClose`: `UNAVAILABLE`,"
                        + " `DEADLINE_EXCEEDED`, `RESOURCE_EXHAUSTED`, `INTERNAL` and `UNKNOWN` fail, `CANCELLED`"
                        + " counts neither way, any other status is the server's answer and succeeds. A rejected"
                        + " call never touches the network: it closes at once with `UNAVAILABLE`"
                        + " (`circuit open: grpc[host:port], retry after N ms`), whatever the stub.",
                new GrpcCalls(), Retries.none("a gRPC call is started once; use grpc-java's retry policy"
                        + " (enableRetry() and a service config)"));
    }
}
