package dev.tripswitch.weaving;

import dev.tripswitch.bridge.CallKind;
import java.util.ArrayList;
import java.util.List;

import dev.tripswitch.bridge.Binding;
import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Class files older than Java 5 (versions 45 to 48: commons-lang 2.1, Commons HttpClient 3.1)
 * cannot load a class constant; woven code gets the declaring class by name there, and the
 * class loads with the JVM's verifier on and answers rejected calls. Methods with
 * {@code jsr}/{@code ret} subroutines are reported as unguarded and left as they are.
 */
class OldBytecodeTest {
    private static final String NAME = "com.acme.legacy.OldStrings";
    private final CircuitBreaker breaker = new CircuitBreaker("old", null, BreakerConfig.DEFAULTS, Clock.system());
    private final List<String> seen = new ArrayList<>();

    private final class Answering extends Binding {
        @Override
        public CircuitBreaker breakerFor(Object self, Object[] args) {
            return breaker;
        }

        @Override
        public void record(CircuitBreaker b, long permit, long durationNanos, Object self, Object returned,
                           Throwable thrown, Object[] args) {
            seen.add("recorded " + returned);
            b.onSuccess(permit, durationNanos);
        }

        @Override
        public Object rejected(CircuitBreaker b, Class<?> origin, String method, CallKind kind, Object self, Object[] args) {
            seen.add("rejected " + origin.getName() + "#" + method);
            return "open";
        }

        @Override
        public void internalError(String where, Throwable error) {
            throw new AssertionError(where, error);
        }
    }

    @AfterEach
    void uninstall() {
        Dispatcher.install(new Binding[0]);
    }

    /** {@code static String upper(String s) { return s.toUpperCase(); }} and, with subroutines, {@code static int sub()}. */
    private static byte[] oldClass(int version) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, NAME.replace('.', '/'), null, "java/lang/Object", null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor upper = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "upper",
                "(Ljava/lang/String;)Ljava/lang/String;", null, null);
        upper.visitCode();
        upper.visitVarInsn(Opcodes.ALOAD, 0);
        upper.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "toUpperCase", "()Ljava/lang/String;", false);
        upper.visitInsn(Opcodes.ARETURN);
        upper.visitMaxs(0, 0);
        upper.visitEnd();
        if (version < Opcodes.V1_6) { // javac's try/finally before Java 6: a subroutine
            MethodVisitor sub = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "upperSub",
                    "(Ljava/lang/String;)Ljava/lang/String;", null, null);
            sub.visitCode();
            Label finallyBlock = new Label();
            sub.visitJumpInsn(Opcodes.JSR, finallyBlock);
            sub.visitVarInsn(Opcodes.ALOAD, 0);
            sub.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "toUpperCase", "()Ljava/lang/String;", false);
            sub.visitInsn(Opcodes.ARETURN);
            sub.visitLabel(finallyBlock);
            sub.visitVarInsn(Opcodes.ASTORE, 1);
            sub.visitVarInsn(Opcodes.RET, 1);
            sub.visitMaxs(0, 0);
            sub.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    private Class<?> wovenAndLoaded(int version, List<String> unguarded) throws Exception {
        BreakerRule rule = new BreakerRule("old", List.of(new MatchSpec(NAME, false, List.of("upper*"), null)), null, 1,
                FailOn.DEFAULTS, WhenOpen.DEFAULT, BreakerConfig.DEFAULTS, null);
        Weaver.Target target = new Weaver.Target(0, rule, false, true);
        byte[] woven = AdviceWeaver.weave(oldClass(version), List.of(new AdviceWeaver.Guard(target,
                new MethodFilter(rule.matches().get(0)), type -> false, MatchSpec.Role.GUARD)), new AdviceWeaver.Woven() {
                    @Override
                    public void woven(Weaver.Target t, String method) {
                    }

                    @Override
                    public void cannotJudge(Weaver.Target t, String method, String why) {
                        unguarded.add(method + ": " + why);
                    }
                });
        assertEquals(version & 0xFFFF, ((woven[6] & 0xFF) << 8) | (woven[7] & 0xFF), "the class keeps its version");
        Dispatcher.install(new Binding[] {new Answering()});
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals(NAME)) {
                    return defineClass(name, woven, 0, woven.length); // verified: not a boot class
                }
                throw new ClassNotFoundException(name);
            }
        };
        return Class.forName(NAME, true, loader);
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcodes.V1_1, Opcodes.V1_2, Opcodes.V1_3, Opcodes.V1_4, Opcodes.V1_5, Opcodes.V1_6})
    void anOldClassIsWovenLoadsAndAnswersRejectedCalls(int version) throws Exception {
        List<String> unguarded = new ArrayList<>();
        Class<?> old = wovenAndLoaded(version, unguarded);
        assertEquals("ABC", old.getMethod("upper", String.class).invoke(null, "abc"));
        assertEquals(List.of("recorded ABC"), seen);
        breaker.forceOpen();
        assertEquals("open", old.getMethod("upper", String.class).invoke(null, "abc"));
        assertEquals("rejected " + NAME + "#upper(Ljava/lang/String;)Ljava/lang/String;", seen.get(1),
                "the rejection names the woven class, found by name where a class constant is illegal");
        if (version < Opcodes.V1_6) {
            assertEquals(List.of(NAME + "#upperSub(java.lang.String): " + AdviceWeaver.WITH_SUBROUTINES), unguarded);
            assertEquals("XY", old.getMethod("upperSub", String.class).invoke(null, "xy"), "left as it was");
        } else {
            assertTrue(unguarded.isEmpty(), unguarded.toString());
        }
    }
}
