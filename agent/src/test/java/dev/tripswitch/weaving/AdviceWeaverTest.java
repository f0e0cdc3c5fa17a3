package dev.tripswitch.weaving;

import dev.tripswitch.bridge.CallKind;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tripswitch.bridge.Binding;
import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every method of {@link Shapes} woven, loaded (so the JVM's verifier checks the stack map
 * frames) and run: results unchanged, each call recorded once with its outcome, and a
 * rejected call answered as the binding says, for each return type.
 */
class AdviceWeaverTest {
    private final CircuitBreaker breaker = new CircuitBreaker("shapes", null, BreakerConfig.DEFAULTS, Clock.system());
    private final List<String> recorded = new ArrayList<>();
    private Object answer;
    /** Retries the binding allows: each failed call is retried at once while its retry number is at most this. */
    private int retryUpTo;

    /** A reload removes the rule between a call's breaker lookup and its rejection's answer. */
    private boolean removedMidCall;

    /** Records outcomes; answers rejected calls with {@link #answer}. */
    private final class Recording extends Binding {
        @Override
        public CircuitBreaker breakerFor(Object self, Object[] args) {
            if (removedMidCall) {
                Dispatcher.install(new Binding[0]);
            }
            return breaker;
        }

        @Override
        public void record(CircuitBreaker b, long permit, long durationNanos, Object self, Object returned,
                           Throwable thrown, Object[] args) {
            recorded.add(thrown != null ? "threw " + thrown.getClass().getSimpleName() : "returned " + returned);
            b.onSuccess(permit, durationNanos);
        }

        @Override
        public Object rejected(CircuitBreaker b, Class<?> origin, String method, CallKind kind, Object self,
                               Object[] args) {
            return answer;
        }

        @Override
        public void park(CircuitBreaker b, long permit, long start, Object self, Object[] args) {
            recorded.add("parked " + args.length);
            b.onIgnored(permit);
        }

        @Override
        public void started(CircuitBreaker b, long permit, long start, Object self, Object returned,
                            Throwable thrown, Object[] args) {
            recorded.add(thrown != null ? "start threw " + thrown.getClass().getSimpleName() : "started");
        }

        @Override
        public void completed(Object self, String method, Object[] args) {
            recorded.add("completed " + method + " " + args.length);
        }

        @Override
        public long retryDelay(CircuitBreaker b, int retry, String method, Object self, Object[] args,
                               Throwable failure) {
            return retry <= retryUpTo ? 0 : -1;
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

    private Class<?> woven(boolean needsArguments, boolean needsResult) throws Exception {
        return woven(needsArguments, needsResult, MatchSpec.Role.GUARD);
    }

    private Class<?> woven(boolean needsArguments, boolean needsResult, MatchSpec.Role role) throws Exception {
        byte[] bytes;
        try (InputStream in = Shapes.class.getResourceAsStream("Shapes.class")) {
            bytes = in.readAllBytes();
        }
        BreakerRule rule = new BreakerRule("shapes", List.of(new MatchSpec(Shapes.class.getName(), false, List.of("*"),
                null)), null, 1, FailOn.DEFAULTS, WhenOpen.DEFAULT, BreakerConfig.DEFAULTS, null);
        Weaver.Target target = new Weaver.Target(0, rule, needsArguments, needsResult);
        List<String> methods = new ArrayList<>();
        byte[] woven = AdviceWeaver.weave(bytes, List.of(new AdviceWeaver.Guard(target, new MethodFilter(rule.matches().get(0)),
                type -> type.getClassName().equals(CompletableFuture.class.getName()), role)),
                (t, m) -> methods.add(m));
        assertTrue(methods.contains("dev.tripswitch.weaving.Shapes#add(int,int)"), methods.toString());
        assertTrue(methods.stream().noneMatch(m -> m.contains("lambda$")), "synthetic lambdas are not guarded: " + methods);
        Dispatcher.install(new Binding[] {new Recording()});
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(Shapes.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, woven, 0, woven.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        return Class.forName(Shapes.class.getName(), true, loader);
    }

    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(java.lang.reflect.Modifier.isStatic(m.getModifiers()) ? null : target, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    @Test
    void everyShapeRunsUnchangedAndIsRecordedOnce() throws Exception {
        for (boolean args : new boolean[] {false, true}) {
            for (boolean result : new boolean[] {false, true}) {
                recorded.clear();
                Object s = woven(args, result).getConstructor().newInstance();
                assertEquals(5, call(s, "add", 2, 3));
                assertEquals(5050L, call(s, "sumTo", 100L));
                assertEquals(2.0, call(s, "average", (Object) new double[] {1, 2, 3}));
                assertEquals("server", call(s, "kind", 503));
                assertEquals("number 42", call(s, "parse", "42"));
                assertEquals("not a number", call(s, "parse", "x"));
                assertEquals(3, call(s, "count"));
                assertInstanceOf(IOException.class, org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                        () -> call(s, "fail", true)));
                assertEquals(false, call(s, "flag", true));
                assertEquals('a', call(s, "first", "abc"));
                assertEquals((byte) 1, call(s, "low", 257));
                assertEquals((short) 4, call(s, "half", (short) 9));
                assertEquals(3.0f, call(s, "scale", 1.5f));
                assertArrayEquals(new int[] {0, 1, 2}, (int[]) call(s, "range", 3));
                assertEquals(List.of("a", "b"), call(s, "names", (Object) new String[] {"a", null, "b"}));
                assertEquals("later x", ((CompletableFuture<?>) call(s, "later", "x")).get());
                assertEquals(6L, call(s, "mixed", 1, 2L, 3.5, null));
                assertEquals(17, recorded.size(), "one record per call: " + recorded);
                assertEquals("threw IOException", recorded.get(7));
                assertEquals(result ? "returned 5" : "returned null", recorded.get(0), "the result is passed only when read");
            }
        }
    }

    /** Methods that start a call, and methods its outcome arrives through, in every shape: the verifier accepts them. */
    @Test
    void everyShapeWovenAsAStartOrACompletionRunsUnchanged() throws Exception {
        recorded.clear();
        Object start = woven(false, false, MatchSpec.Role.START).getConstructor().newInstance();
        assertEquals(5, call(start, "add", 2, 3));
        assertEquals("number 42", call(start, "parse", "42"));
        assertInstanceOf(IOException.class, org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> call(start, "fail", true)));
        assertEquals(6L, call(start, "mixed", 1, 2L, 3.5, null));
        assertEquals(List.of("parked 2", "started", "parked 1", "started", "parked 1", "start threw IOException",
                "parked 4", "started"), recorded);

        recorded.clear();
        long calls = breaker.metrics().totalCalls();
        Object complete = woven(false, false, MatchSpec.Role.COMPLETE).getConstructor().newInstance();
        assertEquals(5, call(complete, "add", 2, 3));
        assertEquals(5050L, call(complete, "sumTo", 100L));
        assertInstanceOf(IOException.class, org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> call(complete, "fail", true)));
        assertArrayEquals(new int[] {0, 1, 2}, (int[]) call(complete, "range", 3));
        assertEquals(List.of("completed add 2", "completed add 2", "completed sumTo 1", "completed sumTo 1",
                "completed fail 1", "completed fail 1", "completed range 1", "completed range 1"), recorded,
                "on entry and when the method has run or thrown");
        assertEquals(calls, breaker.metrics().totalCalls(), "a completion method acquires nothing");
    }

    /** A retried method runs again from the top with the caller's parameters; each attempt is a call of its own. */
    @Test
    void aRetriedMethodRunsAgainWithTheCallersParameters() throws Exception {
        Object s = woven(false, false).getConstructor().newInstance();
        retryUpTo = 2;
        call(s, "failNext", 2);
        recorded.clear();
        long retries = breaker.metrics().totalRetries();
        assertEquals("a!2/3.0", call(s, "flaky", "a", 1L, 1.5));
        assertEquals(List.of("threw IOException", "threw IOException", "returned null"), recorded);
        assertEquals(retries + 2, breaker.metrics().totalRetries());

        call(s, "failNext", 3);
        recorded.clear();
        assertInstanceOf(IOException.class, org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> call(s, "flaky", "a", 1L, 1.5)), "the last failure goes out once the retries are used up");
        assertEquals(3, recorded.size(), recorded.toString());

        retryUpTo = 5;
        call(s, "failNext", 1);
        recorded.clear();
        breaker.forceOpen(); // rejected before it ran: nothing to retry
        answer = "rejected";
        assertEquals("rejected", call(s, "flaky", "a", 1L, 1.5));
        assertEquals(List.of(), recorded);
    }

    /**
     * A call rejected while a reload removes its rule: nobody can answer for the rule any more,
     * so the call runs, unguarded, whatever it returns; never a null or a NullPointerException.
     */
    @Test
    void aRejectedCallWhoseRuleIsRemovedMeanwhileRuns() throws Exception {
        Class<?> type = woven(false, false);
        Object s = type.getConstructor().newInstance();
        Binding[] installed = {new Recording()};
        breaker.forceOpen();
        removedMidCall = true;
        answer = "never used";
        Dispatcher.install(installed);
        assertEquals(5, call(s, "add", 2, 3));
        Dispatcher.install(installed);
        assertEquals(5050L, call(s, "sumTo", 100L));
        Dispatcher.install(installed);
        assertEquals(false, call(s, "flag", true));
        Dispatcher.install(installed);
        assertEquals("ok", call(s, "kind", 200));
        Dispatcher.install(installed);
        assertEquals("failed on purpose", org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> call(s, "fail", true)).getMessage(), "the call ran: its own exception");
        Dispatcher.install(installed);
        assertEquals("later x", ((CompletableFuture<?>) call(s, "later", "x")).get(), "a future-returning call too");
        assertEquals(List.of(), recorded, "run unguarded: nothing recorded on a removed rule");
        assertEquals(6, breaker.metrics().totalRejected(), "each was rejected once, then ran");
    }

    @Test
    void rejectedCallsAnswerForEachReturnType() throws Exception {
        Object s = woven(false, false).getConstructor().newInstance();
        breaker.forceOpen();
        answer = 7;
        assertEquals(7, call(s, "add", 2, 3));
        answer = 9L;
        assertEquals(9L, call(s, "sumTo", 100L));
        answer = 1.5;
        assertEquals(1.5, call(s, "average", (Object) new double[0]));
        answer = "rejected";
        assertEquals("rejected", call(s, "kind", 200));
        answer = Boolean.TRUE;
        assertEquals(true, call(s, "flag", true));
        answer = 'z';
        assertEquals('z', call(s, "first", "abc"));
        answer = null;
        call(s, "fail", true); // void: skipped, nothing thrown
        answer = new Dispatcher.Throw(new IllegalStateException("open"));
        assertEquals("open", org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> call(s, "count")).getMessage());
        assertEquals(List.of(), recorded, "rejected calls never ran");
    }
}
