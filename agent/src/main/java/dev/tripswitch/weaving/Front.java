package dev.tripswitch.weaving;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.OffLimits;
import net.bytebuddy.jar.asm.Type;

/**
 * The agent's class file transformer: it sees every class the JVM loads and does almost
 * nothing for the ones that cannot match a rule. A class is a candidate when its name
 * matches a rule's type, or (for {@code subtypes: true}) when its name or a supertype's does,
 * which {@link Hierarchy} answers from the class file's header; only candidates are parsed
 * and woven ({@link AdviceWeaver}). Off-limits classes ({@link OffLimits}) are never looked at
 * beyond their name. Retransformation (attach, classes loaded before the agent) goes through
 * the same decision, from the loaded {@link Class}.
 */
final class Front implements ClassFileTransformer {
    /** One {@code match:} block of one rule, compiled. */
    private static final class Spec {
        private final Weaver.Target target;
        private final TypePattern type;
        private final int subtypeBit;
        private final boolean mayWeaveJdk;
        private final MethodFilter methods;
        private final MatchSpec.Role role;

        private Spec(Weaver.Target target, TypePattern type, int subtypeBit, boolean mayWeaveJdk, MethodFilter methods, MatchSpec.Role role) {
            this.target = target;
            this.type = type;
            this.subtypeBit = subtypeBit;
            this.mayWeaveJdk = mayWeaveJdk;
            this.methods = methods;
            this.role = role;
        }

        public Weaver.Target target() {
            return target;
        }

        public TypePattern type() {
            return type;
        }

        public int subtypeBit() {
            return subtypeBit;
        }

        public boolean mayWeaveJdk() {
            return mayWeaveJdk;
        }

        public MethodFilter methods() {
            return methods;
        }

        public MatchSpec.Role role() {
            return role;
        }
    }

    /**
     * The rules' match blocks, compiled: replaced as a whole when a reload changes the rules,
     * so a class being decided sees the old rules or the new ones, never a mix.
     */
    private static final class Matching {
        final List<Spec> specs = new ArrayList<>();
        final Hierarchy hierarchy;
        /** Any method name a subtype rule guards: a class declaring none is never a candidate of those rules. */
        final ClassHeader.NameTest subtypeMethodNames;

        Matching(List<Weaver.Target> targets) {
            List<TypePattern> subtypePatterns = new ArrayList<>();
            List<String> subtypeMethods = new ArrayList<>();
            java.util.Map<String, Integer> bits = new java.util.HashMap<>(); // one bit per distinct type
            for (Weaver.Target target : targets) {
                for (MatchSpec m : target.rule().matches()) {
                    int bit = -1;
                    if (m.subtypes()) {
                        Integer known = bits.get(m.type());
                        if (known == null && subtypePatterns.size() < Hierarchy.MAX_PATTERNS) { // the rules checked it
                            known = subtypePatterns.size();
                            bits.put(m.type(), known);
                            subtypePatterns.add(new TypePattern(m.type()));
                        }
                        bit = known == null ? -1 : known;
                        subtypeMethods.addAll(m.methods());
                    }
                    specs.add(new Spec(target, new TypePattern(m.type()), bit, OffLimits.mayWeaveJdk(m),
                            new MethodFilter(m), m.role()));
                }
            }
            this.hierarchy = new Hierarchy(subtypePatterns);
            this.subtypeMethodNames = MethodFilter.anyName(subtypeMethods);
        }
    }

    private volatile Matching matching;
    private final Weaver.Listener listener;
    /**
     * Per thread: whether it is deciding about a class now, and the table it reads class files
     * with. One look-up per class, nothing set or removed.
     */
    private static final class Deciding {
        boolean busy;
        final ClassHeader.Scratch scratch = new ClassHeader.Scratch();
    }

    private final ThreadLocal<Deciding> deciding = new ThreadLocal<>() {
        @Override
        protected Deciding initialValue() { // not a lambda: no call site to link while the JVM starts
            return new Deciding();
        }
    };

    Front(List<Weaver.Target> targets, Weaver.Listener listener) {
        this.listener = listener;
        this.matching = new Matching(targets);
    }

    /** Puts other rules in force: classes loaded or retransformed from now on are decided by them. */
    void replace(List<Weaver.Target> targets) {
        matching = new Matching(targets);
    }

    /**
     * The classes among those already loaded (before the agent, or before an attach) that a
     * rule may weave: the same decision as for a class being loaded, made from the
     * {@link Class} objects (nothing is read). Retransforming only these, instead of every
     * loaded class, is what keeps an attach and the start quick. Learns the loaded JDK
     * classes on the way ({@link Hierarchy#learnLoaded}).
     */
    List<Class<?>> candidates(Instrumentation inst, Class<?>[] loaded) {
        Matching m = matching;
        if (!m.hierarchy.isEmpty()) {
            m.hierarchy.learnLoaded(loaded);
        }
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : loaded) {
            if (c.isArray() || c.isPrimitive() || LoadedTypes.hidden(c) || OffLimits.never(c.getName())
                    || !inst.isModifiableClass(c)) {
                continue;
            }
            if (!guards(m, c.getClassLoader(), c.getName(), c, null, null).isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (internalName == null) {
            return null; // a hidden class
        }
        String name = internalName.replace('/', '.');
        if (OffLimits.never(name)) {
            return null;
        }
        Deciding thread = deciding.get();
        if (thread.busy) {
            return null; // a class loaded while this thread decides about another
        }
        thread.busy = true;
        try {
            List<AdviceWeaver.Guard> guards = guards(matching, loader, name, redefined, bytes, thread.scratch);
            if (guards.isEmpty()) {
                return null;
            }
            byte[] woven = AdviceWeaver.weave(bytes, guards, new AdviceWeaver.Woven() {
                @Override
                public void woven(Weaver.Target target, String method) {
                    listener.woven(target, method);
                }

                @Override
                public void cannotJudge(Weaver.Target target, String method, String returnType) {
                    listener.cannotJudge(target, method, returnType);
                }

                @Override
                public void timeoutIgnored(Weaver.Target target, String method, String returnType) {
                    listener.timeoutIgnored(target, method, returnType);
                }
            });
            if (woven != null) {
                listener.readBridge(module);
                if (DUMP != null) {
                    dump(name, woven);
                }
            }
            return woven;
        } catch (Throwable e) {
            listener.failed(name, e);
            return null; // the class loads as it is, without breakers
        } finally {
            thread.busy = false;
        }
    }

    /**
     * {@code -Dtripswitch.dump=DIR}: every woven class is also written there as it was defined
     * ({@code DIR/com/acme/Client.class}), to read with {@code javap -c} (docs/architecture.md).
     * Read once: off, it costs one null check per woven class.
     */
    private static final java.nio.file.Path DUMP = dumpDirectory(System.getProperty("tripswitch.dump"));

    private static java.nio.file.Path dumpDirectory(String dir) {
        return dir == null || dir.isBlank() ? null : java.nio.file.Path.of(dir).toAbsolutePath();
    }

    private static void dump(String className, byte[] woven) {
        try {
            java.nio.file.Path file = DUMP.resolve(className.replace('.', '/') + ".class");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, woven);
        } catch (java.io.IOException | RuntimeException e) {
            // a dump is a debugging aid: the class is woven and defined all the same
        }
    }

    /** The rules whose match blocks this class falls under, in file order; empty for almost every class. */
    private static List<AdviceWeaver.Guard> guards(Matching m, ClassLoader loader, String name, Class<?> redefined,
                                                   byte[] bytes, ClassHeader.Scratch scratch) {
        Hierarchy hierarchy = m.hierarchy;
        boolean jdk = OffLimits.isJdk(name);
        long bits = 0;
        boolean hierarchyRead = false;
        List<AdviceWeaver.Guard> out = List.of();
        for (Spec spec : m.specs) {
            if (jdk && !spec.mayWeaveJdk()) {
                continue;
            }
            boolean matched;
            if (spec.subtypeBit() < 0) {
                matched = spec.type().matches(name);
            } else {
                if (!hierarchyRead) {
                    hierarchyRead = true;
                    if (redefined != null) {
                        bits = hierarchy.of(redefined);
                    } else if (ClassHeader.declaresMethod(bytes, m.subtypeMethodNames, scratch)) {
                        ClassHeader header = ClassHeader.read(bytes);
                        bits = header == null || header.isAnnotation() ? 0 : hierarchy.of(loader, header);
                    } // else: no method a subtype rule could guard, so its supertypes need not be read
                }
                matched = (bits & (1L << spec.subtypeBit())) != 0;
            }
            if (matched) {
                if (out.isEmpty()) {
                    out = new ArrayList<>();
                }
                out.add(new AdviceWeaver.Guard(spec.target(), spec.methods(), new FutureCheck(loader), spec.role()));
            }
        }
        if (!out.isEmpty() && bits != 0 && redefined == null) {
            hierarchy.remember(loader, name, bits); // its subtypes find it here instead of reading it again
        }
        return out;
    }

    /**
     * Whether a return type, seen from the woven class's loader, is a CompletionStage
     * (CompletableFuture, or a library's own future). A class, not a lambda: the first
     * candidate would link one while the application loads its client.
     */
    private static final class FutureCheck implements AdviceWeaver.AsyncCheck {
        private final ClassLoader loader;

        FutureCheck(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public boolean isFuture(Type type) {
            return type.getSort() == Type.OBJECT && FUTURES.of(loader, type.getClassName());
        }

        @Override
        public boolean isDeferred(Type type) {
            return type.getSort() == Type.OBJECT && !type.getClassName().startsWith("java.lang.")
                    && FUTURES.deferred(loader, type.getClassName());
        }
    }

    private static final FutureTypes FUTURES = new FutureTypes();
}
