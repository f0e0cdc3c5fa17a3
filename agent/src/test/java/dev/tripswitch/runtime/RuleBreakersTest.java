package dev.tripswitch.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.engine.State;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.KeyExpression;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyed breakers: created on first use, bounded by maxKeys, open ones kept. */
class RuleBreakersTest {
    private final long[] now = {0};
    private final Clock clock = new Clock() {
        @Override
        public long nanoTime() {
            return now[0];
        }

        @Override
        public long currentTimeMillis() {
            return now[0] / 1_000_000;
        }
    };

    private RuleBreakers keyed(int maxKeys, BreakerRegistry registry) {
        BreakerRule rule = new BreakerRule("api", List.of(new MatchSpec("A", false, List.of("m"), null)),
                KeyExpression.parse("arg0"), maxKeys, FailOn.DEFAULTS, WhenOpen.DEFAULT,
                BreakerConfig.DEFAULTS.toBuilder().consecutiveFailures(1).build(), null);
        return registry.register(rule);
    }

    @Test
    void leastRecentlyUsedClosedBreakerGoesPastMaxKeys() {
        BreakerRegistry registry = new BreakerRegistry(clock);
        List<String> removed = new ArrayList<>();
        registry.addListener(new BreakerRegistry.Listener() {
            @Override
            public void added(BreakerRule rule, CircuitBreaker breaker) {
            }

            @Override
            public void removed(CircuitBreaker breaker) {
                removed.add(breaker.key());
            }
        });
        RuleBreakers rb = keyed(2, registry);
        CircuitBreaker a = rb.forKey("a");
        now[0] += 1_000_000;
        CircuitBreaker b = rb.forKey("b");
        now[0] += 1_000_000;
        assertSame(a, rb.forKey("a")); // a is now more recent than b
        now[0] += 1_000_000;
        rb.forKey("c");
        assertEquals(List.of("b"), removed);
        assertEquals(2, rb.all().size());
        assertTrue(b.state() == State.CLOSED);
    }

    @Test
    void openBreakersAreKeptEvenPastMaxKeys() {
        BreakerRegistry registry = new BreakerRegistry(clock);
        RuleBreakers rb = keyed(1, registry);
        CircuitBreaker a = rb.forKey("a");
        a.onFailure(a.acquire(), -1, new IOException("down")); // consecutiveFailures 1: OPEN
        assertEquals(State.OPEN, a.state());
        now[0] += 1_000_000;
        rb.forKey("b");
        assertSame(a, rb.forKey("a"), "the open breaker must survive, with what it knows");
    }

    /** Keys that tripped once and then saw no traffic: once their open time is over they may go like closed ones. */
    @Test
    void trippedKeysThatWentIdleLeaveOnceTheirOpenTimeIsOver() {
        RuleBreakers rb = keyed(20, new BreakerRegistry(clock));
        for (int i = 0; i < 2000; i++) {
            CircuitBreaker b = rb.forKey("tripped-" + i);
            b.onFailure(b.acquire(), -1, new IOException("down"));
        }
        now[0] += rb.rule().config().openForNanos() + 1;
        for (int i = 0; i < 3000; i++) {
            now[0] += 1_000;
            rb.forKey("new-" + i);
        }
        assertTrue(rb.all().size() <= 21, "bounded by maxKeys whatever the states were: " + rb.all().size());
    }

    /** Keys still OPEN hold knowledge worth keeping, up to twice maxKeys; then the oldest go. */
    @Test
    void openKeysAreKeptUpToTwiceMaxKeys() {
        RuleBreakers rb = keyed(20, new BreakerRegistry(clock));
        for (int i = 0; i < 2000; i++) {
            now[0] += 1_000;
            CircuitBreaker b = rb.forKey("tripped-" + i);
            b.onFailure(b.acquire(), -1, new IOException("down"));
        }
        int size = rb.all().size();
        assertTrue(size <= 41, "open keys bounded at twice maxKeys: " + size);
        assertTrue(size >= 20, "and the most recent kept: " + size);
        assertEquals(State.OPEN, rb.forKey("tripped-1999").state(), "the newest knowledge stays");
    }

    /** A rule a reload took out: a call still on its old binding makes no key nobody shows. */
    @Test
    void aRetiredRuleMakesNoNewKeys() {
        BreakerRegistry registry = new BreakerRegistry(clock);
        RuleBreakers rb = keyed(10, registry);
        rb.forKey("a");
        registry.unregister("api");
        assertEquals(null, rb.forKey("b"));
        assertEquals(1, rb.all().size());
    }

    @Test
    void appliedSettingsReachExistingAndNewKeys() {
        RuleBreakers rb = keyed(10, new BreakerRegistry(clock));
        CircuitBreaker before = rb.forKey("a");
        BreakerConfig next = rb.rule().config().toBuilder().failureRate(70).build();
        rb.apply(rb.rule().withSettingsOf(new BreakerRule("x", List.of(), null, 1, rb.rule().failOn(),
                rb.rule().whenOpen(), next, null)));
        assertEquals(70.0, before.config().failureRateThreshold());
        assertEquals(70.0, rb.forKey("b").config().failureRateThreshold(), "a key first seen after the change");
        assertEquals(next, rb.rule().config(), "the rule in force is the one owner");
    }

    @Test
    void manyDistinctKeysStayBoundedByMaxKeys() {
        BreakerRegistry registry = new BreakerRegistry(clock);
        int[] removed = {0};
        registry.addListener(new BreakerRegistry.Listener() {
            @Override
            public void added(BreakerRule rule, CircuitBreaker breaker) {
            }

            @Override
            public void removed(CircuitBreaker breaker) {
                removed[0]++;
            }
        });
        RuleBreakers rb = keyed(1000, registry);
        for (int i = 0; i < 200_000; i++) {
            now[0] += 1_000;
            rb.forKey("k" + i);
        }
        assertEquals(1000, rb.all().size());
        assertEquals(199_000, removed[0], "every breaker past the bound was removed, and the views told");
    }

    @Test
    void concurrentNewKeysStayNearTheBound() throws InterruptedException {
        RuleBreakers rb = keyed(500, new BreakerRegistry(clock));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    rb.forKey(id + "-" + i);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int size = rb.all().size();
        assertTrue(size >= 496 && size <= 504, "within one key per thread of the bound: " + size);
    }

    @Test
    void anUnregisteredRuleTellsTheViewsEachOfItsBreakersWent() {
        BreakerRegistry registry = new BreakerRegistry(clock);
        RuleBreakers rb = keyed(10, registry);
        rb.forKey("a");
        rb.forKey("b");
        List<String> gone = new ArrayList<>();
        registry.addListener(new BreakerRegistry.Listener() {
            @Override
            public void added(BreakerRule rule, CircuitBreaker breaker) {
            }

            @Override
            public void removed(CircuitBreaker breaker) {
                gone.add(breaker.key());
            }
        });
        registry.unregister("api");
        assertEquals(List.of("a", "b"), gone.stream().sorted().toList());
        assertEquals(null, registry.rule("api"));
        assertTrue(registry.all().isEmpty());
    }
}
