package dev.tripswitch.weaving;

import dev.tripswitch.bridge.CallKind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tripswitch.rules.MatchSpec;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves the guarded methods of one class with ASM: every method some matched rule names
 * gets that rule's {@link GuardedMethod} code (the first rule that names it, in file order).
 * Nothing else changes: no field, method or interface is added, so the class can be
 * retransformed later and other agents can transform it after us.
 */
final class AdviceWeaver {
    private AdviceWeaver() {
    }

    /** A rule that matched the class, with what its woven code needs. */
    static final class Guard {
        private final Weaver.Target target;
        private final MethodFilter methods;
        private final AsyncCheck async;
        private final MatchSpec.Role role;

        Guard(Weaver.Target target, MethodFilter methods, AsyncCheck async, MatchSpec.Role role) {
            this.target = target;
            this.methods = methods;
            this.async = async;
            this.role = role;
        }

        public Weaver.Target target() {
            return target;
        }

        public MethodFilter methods() {
            return methods;
        }

        public AsyncCheck async() {
            return async;
        }

        public MatchSpec.Role role() {
            return role;
        }
    }

    /**
     * The future types a woven method may return what the agent makes in its place (a failed
     * {@code CompletableFuture} when it rejects, one completed by a timeout or a retry): a
     * method declared to return a subclass of its own ({@code class MyFuture extends
     * CompletableFuture}, Lettuce's {@code AsyncCommand}) is left unguarded and reported.
     */
    private static final java.util.Set<String> FUTURES_MADE = java.util.Set.of("java/util/concurrent/CompletableFuture",
            "java/util/concurrent/CompletionStage");

    /** Whether a method's return type is a future the outcome arrives through. */
    @FunctionalInterface
    interface AsyncCheck {
        boolean isFuture(Type returnType);

        /** Whether the type is a promise the agent does not follow, by its hierarchy (a subtype of {@code Future}). */
        default boolean isDeferred(Type returnType) {
            return false;
        }
    }

    /** Told of each method woven. */
    @FunctionalInterface
    interface Woven {
        void woven(Weaver.Target target, String method);

        /** A matched method was left alone: it returns a deferred value whose outcome the agent cannot follow. */
        default void cannotJudge(Weaver.Target target, String method, String returnType) {
        }

        /** A method was woven for a rule with a {@code timeout}, which it cannot apply: it returns no future. */
        default void timeoutIgnored(Weaver.Target target, String method, String returnType) {
        }
    }

    /** {@link #maxLocals}: the method has {@code jsr}/{@code ret} subroutines. */
    private static final int SUBROUTINES = -1;
    /** Why a method with subroutines is left unguarded, as {@code Agent.UnguardedMethods} and {@code check} say. */
    static final String WITH_SUBROUTINES = "uses jsr/ret subroutines (compiled before Java 6), which the agent"
            + " does not weave";

    /** The woven class file, or null when no method of it is guarded (the class is left as it is). */
    static byte[] weave(byte[] bytes, List<Guard> guards, Woven report) {
        ClassReader reader = new ClassReader(bytes);
        Map<String, Integer> maxLocals = maxLocals(reader, guards);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] any = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;
            private boolean frames;
            private boolean classLiterals;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                owner = name;
                frames = (version & 0xFFFF) >= Opcodes.V1_6;
                classLiterals = (version & 0xFFFF) >= Opcodes.V1_5; // ldc of a class: illegal before 49
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                Integer base = maxLocals.get(name + descriptor);
                if (base == null) {
                    return next; // no code
                }
                for (Guard g : guards) {
                    if (g.methods().matches(access, name, descriptor)) {
                        if (base == SUBROUTINES) {
                            report.cannotJudge(g.target(), MethodFilter.describe(owner.replace('/', '.'), name,
                                    descriptor), WITH_SUBROUTINES);
                            return next; // the advice cannot go around jsr/ret: left unguarded, and said so
                        }
                        Type returns = Type.getReturnType(descriptor);
                        CallKind kind = kind(g, returns);
                        String method = MethodFilter.describe(owner.replace('/', '.'), name, descriptor);
                        String deferred = kind == CallKind.SYNC ? DeferredTypes.unfollowed(returns) : null;
                        if (deferred == null && kind == CallKind.SYNC && g.async().isDeferred(returns)) {
                            deferred = returns.getClassName();
                        }
                        if (deferred != null) {
                            report.cannotJudge(g.target(), method, "returns " + deferred);
                            return next; // judged at return, every call would count as a success
                        }
                        if (kind == CallKind.FUTURE && !FUTURES_MADE.contains(returns.getInternalName())) {
                            report.cannotJudge(g.target(), method, "returns " + returns.getClassName() + " (a future"
                                    + " of the application's own type: a rejected call could not return one)");
                            return next; // a failed CompletableFuture in its place would be a ClassCastException
                        }
                        any[0] = true;
                        report.woven(g.target(), method);
                        if (g.target().rule().config().timeoutNanos() > 0
                                && (kind == CallKind.SYNC || kind == CallKind.START)) {
                            report.timeoutIgnored(g.target(), method, returns.getClassName());
                        }
                        return new GuardedMethod(next, g.target().ruleId(), owner, access, name, descriptor, base,
                                g.target().needsArguments(), g.target().needsResult(), kind, frames, classLiterals);
                    }
                }
                return next;
            }
        }, ClassReader.EXPAND_FRAMES);
        return any[0] ? writer.toByteArray() : null;
    }

    private static boolean guarded(List<Guard> guards, int access, String name, String descriptor) {
        for (Guard g : guards) {
            if (g.methods().matches(access, name, descriptor)) {
                return true;
            }
        }
        return false;
    }

    /** What the woven code does in a matched method: its role, and for a guarded one, what it returns. */
    private static CallKind kind(Guard g, Type returns) {
        switch (g.role()) {
            case START:
                return CallKind.START;
            case COMPLETE:
                return CallKind.COMPLETE;
            default: // GUARD
                return DeferredTypes.isReactor(returns) ? CallKind.REACTIVE
                    : g.async().isFuture(returns) ? CallKind.FUTURE : CallKind.SYNC;
        }
    }

    /**
     * The max locals (where the advice's own locals start) of each method a guard names, read
     * in a first pass; {@link #SUBROUTINES} for a method with {@code jsr}/{@code ret} (javac
     * wrote them for {@code finally} before Java 6; such methods are reported, not woven). The code of the other methods is not read at all: a matched class is often large
     * (a JDBC statement, an HTTP client) and only a few of its methods are woven.
     */
    private static Map<String, Integer> maxLocals(ClassReader reader, List<Guard> guards) {
        Map<String, Integer> out = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if (!guarded(guards, access, name, descriptor)) {
                    return null; // its code is skipped unread
                }
                String key = name + descriptor;
                return new MethodVisitor(Opcodes.ASM9) {
                    private boolean subroutine;

                    @Override
                    public void visitJumpInsn(int opcode, net.bytebuddy.jar.asm.Label label) {
                        subroutine |= opcode == Opcodes.JSR;
                    }

                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        out.put(key, subroutine ? SUBROUTINES : locals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
    }
}
