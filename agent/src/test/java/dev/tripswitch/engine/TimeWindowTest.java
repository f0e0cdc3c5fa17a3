package dev.tripswitch.engine;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The time window's striped call counts lose nothing and age out whole. */
class TimeWindowTest {

    @Test
    void everyCallOfEveryThreadIsCountedAcrossTheStripes() throws InterruptedException {
        TimeWindow w = new TimeWindow(Configs.ms(1000), 10); // 10 buckets of 1 s
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    w.record(Window.outcome(i % 10 == 0, i % 20 == 0), Configs.ms(5));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(300_000, w.calls());
        assertEquals(30_000, w.failures());
        assertEquals(15_000, w.slowCalls());
        w.expire(Configs.ms(9000));
        assertEquals(300_000, w.calls(), "a window of 10 buckets of 1 s still holds the calls of ms 5");
        w.expire(Configs.ms(10_000) + Configs.ms(5));
        assertEquals(0, w.calls(), "10 s later every stripe of that bucket is drained");
        assertEquals(0, w.failures());
    }

    @Test
    void stripesFollowTheProcessorsUpToEight() {
        assertEquals(1, TimeWindow.stripesFor(1));
        assertEquals(2, TimeWindow.stripesFor(2));
        assertEquals(4, TimeWindow.stripesFor(3));
        assertEquals(8, TimeWindow.stripesFor(8));
        assertEquals(8, TimeWindow.stripesFor(64));
    }
}
