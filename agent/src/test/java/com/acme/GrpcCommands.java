package com.acme;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

/** gRPC calls the way generated stubs make them: blocking, future and async, over a plaintext channel. */
final class GrpcCommands {
    private static final Map<String, ManagedChannel> CHANNELS = new ConcurrentHashMap<>();

    private GrpcCommands() {
    }

    static String call(String style, String target, String message) throws Exception {
        ManagedChannel channel = CHANNELS.computeIfAbsent(target,
                t -> ManagedChannelBuilder.forTarget(t).usePlaintext().build());
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        try {
            switch (style) {
                case "blocking":
                    return "ok " + ClientCalls.blockingUnaryCall(channel, Echo.SAY, options, message);
                case "future":
                    return "ok " + ClientCalls.futureUnaryCall(channel.newCall(Echo.SAY, options), message)
                        .get(10, TimeUnit.SECONDS);
                case "async": {
                    CompletableFuture<String> seen = new CompletableFuture<>();
                    ClientCalls.asyncUnaryCall(channel.newCall(Echo.SAY, options), message, new StreamObserver<>() {
                        @Override
                        public void onNext(String value) {
                            seen.complete("ok " + value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            seen.complete("failure " + t.getMessage());
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
                    return seen.get(10, TimeUnit.SECONDS);
                }
                default:
                    throw new IllegalArgumentException(style);
            }
        } catch (StatusRuntimeException e) {
            return "failure " + e.getMessage();
        } catch (ExecutionException e) {
            return "failure " + e.getCause().getMessage();
        }
    }
}
