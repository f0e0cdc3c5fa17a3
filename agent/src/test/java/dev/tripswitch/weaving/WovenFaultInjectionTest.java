package dev.tripswitch.weaving;

import java.io.InputStream;
import java.util.List;

import dev.tripswitch.bridge.Binding;
import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.bridge.FaultyBinding;
import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each step the woven code of a real method takes (the key and the breaker, the outcome's
 * record, a rejection's answer) made to throw once, an exception or an error, its report
 * failing too: the application's method returns what it would without the agent (or the
 * rule's answer), every permit is settled once, and the next call on the same thread is
 * guarded and counted. Run on Java 17 by the unit tests and on Java 25 by agent/pom.xml's
 * {@code unit-java25} execution.
 */
class WovenFaultInjectionTest {
    /** The application's class, woven below; its own copy in this test's class path is never called. */
    public static final class Service {
        public String call(String x) {
            return "ok " + x;
        }
    }

    private final CircuitBreaker breaker = new CircuitBreaker("faulty", null,
            BreakerConfig.builder().maxConcurrent(4).build(), Clock.system());

    @AfterEach
    void uninstall() {
        Dispatcher.install(new Binding[0]);
    }

    private static Object wovenService() throws Exception {
        String name = Service.class.getName();
        byte[] original;
        try (InputStream in = Service.class.getResourceAsStream("WovenFaultInjectionTest$Service.class")) {
            original = in.readAllBytes();
        }
        BreakerRule rule = new BreakerRule("faulty", List.of(new MatchSpec(name, false, List.of("call"), null)), null, 1,
                FailOn.DEFAULTS, WhenOpen.DEFAULT, BreakerConfig.DEFAULTS, null);
        Weaver.Target target = new Weaver.Target(0, rule, false, true);
        byte[] woven = AdviceWeaver.weave(original, List.of(new AdviceWeaver.Guard(target,
                new MethodFilter(rule.matches().get(0)), type -> false, MatchSpec.Role.GUARD)), new AdviceWeaver.Woven() {
                    @Override
                    public void woven(Weaver.Target t, String method) {
                    }

                    @Override
                    public void cannotJudge(Weaver.Target t, String method, String why) {
                        throw new AssertionError(method + ": " + why);
                    }
                });
        ClassLoader loader = new ClassLoader(WovenFaultInjectionTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (!n.equals(name)) {
                    return super.loadClass(n, resolve);
                }
                synchronized (getClassLoadingLock(n)) {
                    Class<?> c = findLoadedClass(n);
                    return c != null ? c : defineClass(n, woven, 0, woven.length); // verified: not a boot class
                }
            }
        };
        return Class.forName(name, true, loader).getConstructor().newInstance();
    }

    private static String call(Object service, String x) throws Exception {
        return (String) service.getClass().getMethod("call", String.class).invoke(service, x);
    }

    @ParameterizedTest
    @CsvSource({"breakerFor,false,false", "breakerFor,true,true", "record,false,false", "record,true,true",
            "rejected,false,false", "rejected,true,true"})
    void aFailingStepInWovenCodeLetsNothingOutAndLeavesTheNextCallGuarded(String step, boolean error,
                                                                           boolean reportFails) throws Exception {
        Object service = wovenService();
        FaultyBinding binding = new FaultyBinding(breaker, step, error, reportFails);
        Dispatcher.install(new Binding[] {binding});
        if (step.equals("rejected")) {
            breaker.forceOpen();
            String answer = call(service, "a");
            // the rule's answer, or the call itself when no answer could be had: never the agent's error
            org.junit.jupiter.api.Assertions.assertTrue(answer.equals("fallback") || answer.equals("ok a"), answer);
            breaker.reset();
        } else {
            assertEquals("ok a", call(service, "a"), "the application's own result");
        }
        assertEquals(0, breaker.metrics().inFlight(), "every permit settled exactly once");
        assertEquals(1, binding.reports, "the failure reported once");

        long before = breaker.metrics().totalCalls();
        assertEquals("ok b", call(service, "b"));
        assertEquals(before + 1, breaker.metrics().totalCalls(), "the next call on this thread is guarded and counted");
    }
}
