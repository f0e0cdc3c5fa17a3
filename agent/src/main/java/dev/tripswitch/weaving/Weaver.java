package dev.tripswitch.weaving;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.rules.BreakerRule;

/**
 * Weaves the rules' code into classes as they load ({@link Front}, a plain class file
 * transformer that decides from names and class file headers, and ASM for the few classes
 * that match), and retransforms the matching classes loaded before the agent. Only method
 * bodies change: no field, method or interface is added, so classes loaded before the
 * agent can be changed and other agents can still retransform after us. Classes of every
 * loader are considered (bootstrap and platform included), and the named modules of woven
 * JDK classes are made to read the bridge.
 */
public final class Weaver {
    private static final int RETRANSFORM_BATCH = 50;

    private Weaver() {
    }

    /**
     * What the weaver needs of each rule besides the rule itself: whether its code must pass
     * the method's arguments, and whether it must pass the returned value.
     */
    public static final class Target {
        private final int ruleId;
        private final BreakerRule rule;
        private final boolean needsArguments;
        private final boolean needsResult;

        public Target(int ruleId, BreakerRule rule, boolean needsArguments, boolean needsResult) {
            this.ruleId = ruleId;
            this.rule = rule;
            this.needsArguments = needsArguments;
            this.needsResult = needsResult;
        }

        public int ruleId() {
            return ruleId;
        }

        public BreakerRule rule() {
            return rule;
        }

        public boolean needsArguments() {
            return needsArguments;
        }

        public boolean needsResult() {
            return needsResult;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Target)) {
                return false;
            }
            Target other = (Target) o;
            return ruleId == other.ruleId
                && java.util.Objects.equals(rule, other.rule)
                && needsArguments == other.needsArguments
                && needsResult == other.needsResult;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(ruleId, rule, needsArguments, needsResult);
        }

        @Override
        public String toString() {
            return "Target[ruleId=" + ruleId + ", rule=" + rule + ", needsArguments=" + needsArguments + ", needsResult=" + needsResult + "]";
        }
    }

    /** What the front tells of its work. */
    interface Listener {
        void woven(Target target, String method);

        /** A matched method was left unwoven; {@code why} says so ({@code returns java.util.concurrent.Future}). */
        void cannotJudge(Target target, String method, String why);

        void timeoutIgnored(Target target, String method, String returnType);

        void readBridge(Module module);

        void failed(String typeName, Throwable error);
    }

    /** Told of weaving failures. */
    @FunctionalInterface
    public interface ErrorHandler {
        /**
         * @param matched the type had matched a rule (its calls now run without a breaker), or not
         *                (it could not even be looked at: usually harmless)
         */
        void onError(String typeName, boolean matched, Throwable error);

        /**
         * A matched method was left unwoven: {@code why} is {@code returns <type>} for a promise the
         * agent cannot follow, or says what in its code the advice cannot go around.
         */
        default void onCannotJudge(String rule, String method, String why) {
        }

        /** A method woven for a rule with a {@code timeout} returns no future: the timeout does not apply to it. */
        default void onTimeoutIgnored(String rule, String method, String returnType) {
        }
    }

    /**
     * Installs the transformer for {@code targets} and weaves the matching classes already
     * loaded; the returned {@link Weaving} puts other rules in force later (reload).
     */
    public static Weaving install(Instrumentation inst, List<Target> targets, WeaveReport report,
                                  ErrorHandler onError) {
        Weaving weaving = new Weaving(inst, report, onError);
        weaving.apply(targets);
        return weaving;
    }

    /** Retransforms {@code classes} in batches; a class that cannot be is reported and the others go on. */
    static void retransform(Instrumentation inst, List<Class<?>> classes, WeaveReport report, ErrorHandler onError) {
        for (int i = 0; i < classes.size(); i += RETRANSFORM_BATCH) {
            List<Class<?>> batch = classes.subList(i, Math.min(classes.size(), i + RETRANSFORM_BATCH));
            try {
                inst.retransformClasses(batch.toArray(new Class<?>[0]));
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                for (Class<?> c : batch) { // one class spoilt the batch: retry one by one
                    try {
                        inst.retransformClasses(c);
                    } catch (UnmodifiableClassException | RuntimeException | LinkageError single) {
                        onError.onError(c.getName(), report.failed(c.getName(), single), single);
                    }
                }
            }
        }
    }

    /**
     * A woven class of a named module ({@code java.net.http}, {@code java.sql}, {@code java.base})
     * must read the module of the bridge it calls: the bootstrap loader's unnamed module.
     */
    static void readBridge(Instrumentation inst, Module woven) {
        if (woven == null || !woven.isNamed()) {
            return;
        }
        Module bridge = Dispatcher.class.getModule();
        if (!woven.canRead(bridge)) {
            inst.redefineModule(woven, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
