package dev.tripswitch.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountWindowTest {

    @Test
    void slotArithmeticEqualsTheRemainder() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int size : new int[] {1, 2, 3, 7, 10, 100, 997, 1000, WindowConfig.Count.MAX_SIZE}) {
            long reciprocal = Long.divideUnsigned(-1L, size) + 1;
            for (long n = 0; n < 5000; n++) {
                assertEquals(n % size, CountWindow.remainder(n, reciprocal, size), "n=" + n + " size=" + size);
            }
            for (int i = 0; i < 100_000; i++) {
                long n = r.nextLong(1L << 32);
                assertEquals(n % size, CountWindow.remainder(n, reciprocal, size), "n=" + n + " size=" + size);
            }
            long top = (1L << 32) - 1;
            assertEquals(top % size, CountWindow.remainder(top, reciprocal, size));
        }
    }

    @Test
    void countersEqualTheSlotsAfterConcurrentRecording() throws InterruptedException {
        CountWindow w = new CountWindow(37);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < 200_000; i++) {
                    w.record(Window.outcome(r.nextInt(3) == 0, r.nextInt(5) == 0), 0);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(37, w.calls());
        // replace every slot with a known outcome: if the counters had drifted, they would show it now
        for (int i = 0; i < 37; i++) {
            w.record(Window.outcome(i < 10, i < 3), 0);
        }
        assertEquals(37, w.calls());
        assertEquals(10, w.failures());
        assertEquals(3, w.slowCalls());
        w.clear();
        assertEquals(0, w.calls());
        assertEquals(0, w.failures());
    }

    @Test
    void aLargeWindowAllocatesOnlyThePagesItsCallsReached() throws InterruptedException {
        CountWindow w = new CountWindow(1_000_000);
        assertEquals(0, w.allocatedSlots(), "nothing up front");
        for (int i = 0; i < 10; i++) {
            w.record(Window.outcome(i % 2 == 0, false), 0);
        }
        assertEquals(CountWindow.PAGE, w.allocatedSlots(), "one page for ten calls");
        assertEquals(10, w.calls());
        assertEquals(5, w.failures());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) { // pages created by racing threads: one wins, no call is lost
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 250_000; i++) {
                    w.record(Window.outcome(true, false), 0);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1_000_000, w.calls(), "the ring is full");
        assertEquals(1_000_000, w.allocatedSlots());
        assertEquals(1_000_000, w.failures(), "the ten first calls were replaced: every slot holds a failure");
        w.clear();
        assertEquals(0, w.calls());
    }

    @Test
    void timeWindowTotalsEqualTheBucketsAfterConcurrentRecording() throws InterruptedException {
        TimeWindow w = new TimeWindow(Configs.ms(10), 5);
        long[] now = {0};
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    w.record(Window.outcome(i % 4 == 0, false), Configs.ms(i / 1000) + id);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        now[0] = Configs.ms(1000);
        w.expire(now[0]);
        assertEquals(0, w.calls(), "every bucket aged out, so the totals must be zero");
        assertEquals(0, w.failures());
    }
}
