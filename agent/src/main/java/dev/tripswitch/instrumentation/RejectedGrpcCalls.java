package dev.tripswitch.instrumentation;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The call a rejected gRPC {@code newCall} returns: a {@code ClientCall} that never reaches
 * the network and closes its listener with the rejection's {@code Status} as soon as it is
 * started; its other methods do nothing, so every stub (blocking, future, async) ends with
 * that status as it would with the server's. grpc-java offers no such call, and the agent
 * bundles no gRPC, so the class is written here and defined once in {@code io.grpc}'s own
 * class loader and package (a {@code Lookup} on {@code ClientCall}), where every stub sees it.
 */
final class RejectedGrpcCalls {
    private static final String NAME = "io/grpc/TripswitchRejectedCall";
    private static final ClassValue<Constructor<?>> CALLS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> clientCall) {
            try {
                Class<?> status = Class.forName("io.grpc.Status", false, clientCall.getClassLoader());
                Class<?> defined = MethodHandles.privateLookupIn(clientCall, MethodHandles.lookup())
                        .defineClass(bytes());
                return defined.getConstructor(status);
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("cannot define the rejected gRPC call: " + e, e);
            }
        }
    };

    private RejectedGrpcCalls() {
    }

    /** A call of {@code clientCall}'s gRPC that closes with {@code status} when started. */
    static Object closingWith(Class<?> clientCall, Object status) throws ReflectiveOperationException {
        return CALLS.get(clientCall).newInstance(status);
    }

    /** {@code final class TripswitchRejectedCall extends ClientCall { Status status; start(l, h) { l.onClose(status, new Metadata()); } ... }}. */
    static byte[] bytes() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null,
                "io/grpc/ClientCall", null);
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "status", "Lio/grpc/Status;", null, null).visitEnd();

        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Lio/grpc/Status;)V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "io/grpc/ClientCall", "<init>", "()V", false);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 1);
        init.visitFieldInsn(Opcodes.PUTFIELD, NAME, "status", "Lio/grpc/Status;");
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor start = cw.visitMethod(Opcodes.ACC_PUBLIC, "start",
                "(Lio/grpc/ClientCall$Listener;Lio/grpc/Metadata;)V", null, null);
        start.visitCode();
        start.visitVarInsn(Opcodes.ALOAD, 1);
        start.visitVarInsn(Opcodes.ALOAD, 0);
        start.visitFieldInsn(Opcodes.GETFIELD, NAME, "status", "Lio/grpc/Status;");
        start.visitTypeInsn(Opcodes.NEW, "io/grpc/Metadata");
        start.visitInsn(Opcodes.DUP);
        start.visitMethodInsn(Opcodes.INVOKESPECIAL, "io/grpc/Metadata", "<init>", "()V", false);
        start.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "io/grpc/ClientCall$Listener", "onClose",
                "(Lio/grpc/Status;Lio/grpc/Metadata;)V", false);
        start.visitInsn(Opcodes.RETURN);
        start.visitMaxs(0, 0);
        start.visitEnd();

        nothing(cw, "request", "(I)V");
        nothing(cw, "cancel", "(Ljava/lang/String;Ljava/lang/Throwable;)V");
        nothing(cw, "halfClose", "()V");
        nothing(cw, "sendMessage", "(Ljava/lang/Object;)V");
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void nothing(ClassWriter cw, String name, String descriptor) {
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, name, descriptor, null, null);
        m.visitCode();
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }
}
