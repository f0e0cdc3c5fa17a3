package dev.tripswitch.weaving;

import dev.tripswitch.bridge.CallKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * The weaver on class files it did not see compiled by javac 17: ASM-made classes of every
 * version from Java 1.1 to 25, with wide parameters, a body that stores into its parameters,
 * loops (stack map frames), a huge method, interface default and static methods. Each woven
 * class passes ASM's own verifier ({@code CheckClassAdapter}, from the ASM release Byte Buddy
 * repackages); each version the test JVM runs also loads with the JVM's verifier on and returns
 * what it returned unwoven, with each call recorded once.
 */
class WeaverCorpusTest {
    private static final String CLASS = "corpus/Shapes";
    private static final String INTERFACE = "corpus/Doubler";
    private static final String IMPL = "corpus/DoublerImpl";
    private final CircuitBreaker breaker = new CircuitBreaker("corpus", null, BreakerConfig.DEFAULTS, Clock.system());
    private final List<String> recorded = new ArrayList<>();

    private final class Recording extends Binding {
        @Override
        public CircuitBreaker breakerFor(Object self, Object[] args) {
            return breaker;
        }

        @Override
        public void record(CircuitBreaker b, long permit, long durationNanos, Object self, Object returned,
                           Throwable thrown, Object[] args) {
            recorded.add(String.valueOf(returned));
            b.onSuccess(permit, durationNanos);
        }

        @Override
        public Object rejected(CircuitBreaker b, Class<?> origin, String method, CallKind kind, Object self, Object[] args) {
            return null;
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

    @ParameterizedTest
    @ValueSource(ints = {Opcodes.V1_1, Opcodes.V1_2, Opcodes.V1_4, Opcodes.V1_5, Opcodes.V1_6, Opcodes.V1_7,
        Opcodes.V1_8, Opcodes.V11, Opcodes.V17, Opcodes.V21, Opcodes.V25})
    void everyShapeOfEveryVersionIsWovenVerifiedAndRunsUnchanged(int version) throws Exception {
        Map<String, byte[]> plain = new TreeMap<>();
        plain.put(CLASS, shapes(version));
        if ((version & 0xFFFF) >= Opcodes.V1_8) {
            plain.put(INTERFACE, doubler(version));
            plain.put(IMPL, doublerImpl(version));
        }
        Map<String, byte[]> woven = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : plain.entrySet()) {
            byte[] w = e.getKey().equals(IMPL) ? e.getValue() : weave(e.getKey(), e.getValue());
            assertTrue(w != null, "woven: " + e.getKey());
            assertEquals("", check(w, woven, plain), "ASM's verifier on " + e.getKey() + " (version " + (version & 0xFFFF) + ")");
            woven.put(e.getKey(), w);
        }
        if ((version & 0xFFFF) - 44 > Runtime.version().feature()) {
            return; // newer than the JVM running the tests: checked by ASM's verifier only
        }
        Dispatcher.install(new Binding[] {new Recording()});
        Class<?> unwoven = load(plain).loadClass("corpus.Shapes");
        Class<?> shapes = load(woven).loadClass("corpus.Shapes");
        Object a = unwoven.getConstructor().newInstance();
        Object b = shapes.getConstructor().newInstance();
        for (Object[] call : new Object[][] {{"add", 2, 3}, {"mix", 7L, 1.5d, 2}, {"reuse", "x", 4}, {"loop", 5},
            {"big"}}) {
            recorded.clear();
            Object expected = invoke(unwoven, a, call);
            Object actual = invoke(shapes, b, call);
            assertEquals(expected, actual, call[0] + " returns what it returned unwoven");
            assertEquals(1, recorded.size(), call[0] + " recorded once: " + recorded);
        }
        if ((version & 0xFFFF) >= Opcodes.V1_8) {
            ClassLoader loader = load(woven);
            Class<?> doubler = loader.loadClass("corpus.Doubler");
            Object impl = loader.loadClass("corpus.DoublerImpl").getConstructor().newInstance();
            recorded.clear();
            assertEquals(42, doubler.getMethod("twice", int.class).invoke(impl, 21), "an interface's default method");
            assertEquals(63, doubler.getMethod("thrice", int.class).invoke(null, 21), "an interface's static method");
            assertEquals(List.of("42", "63"), recorded);
        }
    }

    private static Object invoke(Class<?> type, Object target, Object[] call) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(call[0])) {
                Object[] args = new Object[call.length - 1];
                System.arraycopy(call, 1, args, 0, args.length);
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(String.valueOf(call[0]));
    }

    private static byte[] weave(String name, byte[] bytes) {
        BreakerRule rule = new BreakerRule("corpus", List.of(new MatchSpec(name.replace('/', '.'), false, List.of("*"),
                null)), null, 1, FailOn.DEFAULTS, WhenOpen.DEFAULT, BreakerConfig.DEFAULTS, null);
        Weaver.Target target = new Weaver.Target(0, rule, true, true);
        return AdviceWeaver.weave(bytes, List.of(new AdviceWeaver.Guard(target, new MethodFilter(rule.matches().get(0)),
                type -> false, MatchSpec.Role.GUARD)), (t, m) -> { });
    }

    /** ASM's CheckClassAdapter data-flow check of one class; empty when it verifies. */
    private static String check(byte[] bytes, Map<String, byte[]> woven, Map<String, byte[]> plain) {
        StringWriter out = new StringWriter();
        Map<String, byte[]> all = new TreeMap<>(plain);
        all.putAll(woven);
        org.objectweb.asm.util.CheckClassAdapter.verify(new org.objectweb.asm.ClassReader(bytes), load(all), false,
                new PrintWriter(out));
        return out.toString();
    }

    /** A loader that defines the given classes itself, verified as application classes are. */
    private static ClassLoader load(Map<String, byte[]> classes) {
        return new ClassLoader(WeaverCorpusTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name.replace('.', '/'));
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }

            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (classes.containsKey(name.replace('.', '/'))) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : findClass(name);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
    }

    private static ClassWriter writer(int version) {
        return new ClassWriter((version & 0xFFFF) >= Opcodes.V1_6 ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
    }

    private static byte[] shapes(int version) {
        ClassWriter cw = writer(version);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, CLASS, null, "java/lang/Object", null);
        constructor(cw);
        MethodVisitor m;

        m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "add", "(II)I", null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitInsn(Opcodes.IADD);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();

        // wide parameters: long and double take two slots each
        m = cw.visitMethod(Opcodes.ACC_PUBLIC, "mix", "(JDI)J", null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.LLOAD, 1);
        m.visitVarInsn(Opcodes.DLOAD, 3);
        m.visitInsn(Opcodes.D2L);
        m.visitInsn(Opcodes.LADD);
        m.visitVarInsn(Opcodes.ILOAD, 5);
        m.visitInsn(Opcodes.I2L);
        m.visitInsn(Opcodes.LMUL);
        m.visitInsn(Opcodes.LRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();

        // a body that reuses its parameter slots for other values
        m = cw.visitMethod(Opcodes.ACC_PUBLIC, "reuse", "(Ljava/lang/String;I)Ljava/lang/String;", null, null);
        m.visitCode();
        m.visitIincInsn(2, 1);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitVarInsn(Opcodes.ILOAD, 2);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/String", "valueOf", "(I)Ljava/lang/String;", false);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        m.visitVarInsn(Opcodes.ASTORE, 1);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();

        // a loop: a backward jump, so a stack map frame in versions that carry them
        m = cw.visitMethod(Opcodes.ACC_PUBLIC, "loop", "(I)I", null, null);
        m.visitCode();
        m.visitInsn(Opcodes.ICONST_0);
        m.visitVarInsn(Opcodes.ISTORE, 2);
        Label top = new Label();
        Label done = new Label();
        m.visitLabel(top);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitJumpInsn(Opcodes.IFLE, done);
        m.visitIincInsn(2, 3);
        m.visitIincInsn(1, -1);
        m.visitJumpInsn(Opcodes.GOTO, top);
        m.visitLabel(done);
        m.visitVarInsn(Opcodes.ILOAD, 2);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();

        // a huge method: tens of kilobytes of code, close to what the JVM's 64 KiB allows with the advice
        m = cw.visitMethod(Opcodes.ACC_PUBLIC, "big", "()Ljava/lang/Object;", null, null);
        m.visitCode();
        m.visitInsn(Opcodes.ICONST_0);
        m.visitVarInsn(Opcodes.ISTORE, 1);
        for (int i = 0; i < 8_000; i++) {
            m.visitIincInsn(1, 1); // 3 bytes each
        }
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static byte[] doubler(int version) {
        ClassWriter cw = writer(version);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT, INTERFACE, null,
                "java/lang/Object", null);
        times(cw, Opcodes.ACC_PUBLIC, "twice", 1, Opcodes.ICONST_2); // a default method
        times(cw, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "thrice", 0, Opcodes.ICONST_3);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static byte[] doublerImpl(int version) {
        ClassWriter cw = writer(version);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, IMPL, null, "java/lang/Object", new String[] {INTERFACE});
        constructor(cw);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code int name(int x) { return x * factor; }}, {@code x} in {@code slot}. */
    private static void times(ClassWriter cw, int access, String name, int slot, int factor) {
        MethodVisitor m = cw.visitMethod(access, name, "(I)I", null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.ILOAD, slot);
        m.visitInsn(factor);
        m.visitInsn(Opcodes.IMUL);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    /** {@code public C() { super(); }} */
    private static void constructor(ClassWriter cw) {
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }
}
