package dev.tripswitch.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listeners hear a breaker's transitions in the order they happened, whichever thread tells them. */
class TransitionOrderTest {
    private final CircuitBreaker breaker = new CircuitBreaker("api", null, Configs.count(10, 5), new FakeClock());
    private final List<String> heard = new ArrayList<>();

    private static Transition t(State from, State to) {
        return new Transition("api", null, from, to, "test", 0, 0);
    }

    private void listen() {
        breaker.addListener((b, t) -> {
            synchronized (heard) {
                heard.add(t.from() + ">" + t.to() + " on " + Thread.currentThread().getName());
            }
        });
    }

    @Test
    void aTransitionThatComesEarlyIsToldAfterTheOneBeforeIt() {
        listen();
        TransitionOrder order = new TransitionOrder();
        order.publish(2, t(State.HALF_OPEN, State.CLOSED), breaker);
        assertTrue(heard.isEmpty(), "the HALF_OPEN it follows is not told yet");
        order.publish(1, t(State.OPEN, State.HALF_OPEN), breaker);
        String me = Thread.currentThread().getName();
        assertEquals(List.of("OPEN>HALF_OPEN on " + me, "HALF_OPEN>CLOSED on " + me), heard);
        order.publish(3, t(State.CLOSED, State.OPEN), breaker);
        assertEquals("CLOSED>OPEN on " + me, heard.get(2), "in turn: told at once");
    }

    @Test
    void aGenerationTakenWithoutATransitionHoldsNothingUp() {
        listen();
        TransitionOrder order = new TransitionOrder();
        order.publish(2, t(State.CLOSED, State.OPEN), breaker);
        order.publish(1, null, breaker); // a generation taken without a transition
        assertEquals(1, heard.size(), "told once generation 1 was skipped");
        order.publish(3, null, breaker); // nobody listened when it happened
        order.publish(4, t(State.OPEN, State.HALF_OPEN), breaker);
        assertEquals(2, heard.size());
    }

    /** While one thread is inside a slow listener, another's transition returns at once and is told after. */
    @Test
    void aSlowListenerHoldsUpNoOtherCaller() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        breaker.addListener((b, t) -> {
            if (t.to() == State.OPEN) {
                inside.countDown();
                try {
                    letGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        listen();
        TransitionOrder order = new TransitionOrder();
        Thread timer = new Thread(() -> order.publish(1, t(State.CLOSED, State.OPEN), breaker), "timer");
        timer.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        Thread caller = new Thread(() -> order.publish(2, t(State.OPEN, State.HALF_OPEN), breaker), "caller");
        caller.start();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(caller.isAlive(), "the caller waited for another thread's listener");
        assertTrue(heard.isEmpty(), "nothing told past the transition still being told");
        letGo.countDown();
        timer.join();
        assertEquals(List.of("CLOSED>OPEN on timer", "OPEN>HALF_OPEN on timer"), heard);
    }

    @Test
    void aReconfiguredWindowTakesAGenerationTheNextTransitionDoesNotWaitFor() {
        listen();
        breaker.reconfigure(c -> Configs.count(20, 5));
        breaker.forceOpen();
        assertEquals(List.of("CLOSED>FORCED_OPEN on " + Thread.currentThread().getName()), heard);
    }
}
