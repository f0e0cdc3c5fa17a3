package dev.tripswitch.weaving;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.MatchSpec;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Weaves the rules' advice into classes as they load, and retransforms the ones already
 * loaded. Advice only ({@code disableClassFormatChanges}): no field, method or interface
 * is added, so classes loaded before the agent can be changed and other agents can still
 * retransform after us. Classes of every loader are considered (bootstrap and platform
 * included), and the named modules of woven JDK classes are made to read the bridge.
 */
public final class Weaver {
    private Weaver() {
    }

    /**
     * What the weaver needs of each rule besides the rule itself: whether its advice must
     * bind the method's arguments, and whether it must read the returned value.
     */
    public record Target(int ruleId, BreakerRule rule, boolean needsArguments, boolean needsResult) {
    }

    /**
     * Installs the transformer for {@code targets}.
     *
     * @param onError told of each type that matched but could not be woven (true) or that
     *                could not even be matched (false, usually harmless: a missing optional dependency)
     */
    public static ResettableClassFileTransformer install(Instrumentation inst, List<Target> targets,
                                                         WeaveReport report, ErrorHandler onError) {
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(50))
                .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(LoadedClasses.candidates(inst,
                        targets.stream().flatMap(t -> t.rule().matches().stream()).toList())))
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(new TypePoolCache())
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new ErrorListener(report, onError))
                .ignore(Matchers.ignored());
        Supertypes supertypes = new Supertypes();
        for (Target target : targets) {
            Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(RuleId.class, target.ruleId());
            Advice sync = target.needsArguments()
                    ? mapping.to(Enter.WithArguments.class, Exit.WithArguments.class)
                    : mapping.to(Enter.Plain.class, target.needsResult() ? Exit.WithResult.class : Exit.Plain.class);
            Advice async = mapping.to(Enter.WithArguments.class, Exit.Async.class);
            for (MatchSpec spec : target.rule().matches()) {
                ElementMatcher.Junction<MethodDescription> methods = Matchers.methods(spec);
                builder = (spec.subtypes() ? builder.type(supertypes.subtypesOf(spec))
                        : builder.type(Matchers.type(spec)))
                        .transform(new RuleTransformer(target.rule().name(), methods, sync, async, report, inst));
            }
        }
        return builder.installOn(inst);
    }

    /** Applies one rule's advice to the methods of one matched type, and reports them. */
    private record RuleTransformer(String rule, ElementMatcher.Junction<MethodDescription> methods, Advice sync,
                                   Advice async, WeaveReport report, Instrumentation inst)
            implements AgentBuilder.Transformer {
        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                                ClassLoader loader, JavaModule module, ProtectionDomain domain) {
            boolean any = false;
            for (MethodDescription method : type.getDeclaredMethods().filter(methods)) {
                report.woven(rule, Matchers.describe(type, method));
                any = true;
            }
            if (!any) {
                return builder;
            }
            readBridge(inst, module);
            ElementMatcher.Junction<MethodDescription> future = Matchers.returnsFuture();
            return builder.visit(sync.on(methods.and(not(future)))).visit(async.on(methods.and(future)));
        }
    }

    /**
     * A woven class of a named module ({@code java.net.http}, {@code java.sql}, {@code java.base})
     * must read the module of the bridge it calls: the bootstrap loader's unnamed module.
     */
    static void readBridge(Instrumentation inst, JavaModule module) {
        if (module == null || !module.isNamed()) {
            return;
        }
        Module woven = (Module) module.unwrap();
        Module bridge = Dispatcher.class.getModule();
        if (!woven.canRead(bridge)) {
            inst.redefineModule(woven, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    /** Told of weaving failures. */
    @FunctionalInterface
    public interface ErrorHandler {
        void onError(String typeName, boolean matched, Throwable error);
    }

    /** Reports types that matched but could not be woven. */
    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        private final WeaveReport report;
        private final ErrorHandler onError;

        ErrorListener(WeaveReport report, ErrorHandler onError) {
            this.report = report;
            this.onError = onError;
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            onError.onError(typeName, report.failed(typeName, error), error);
        }
    }
}
