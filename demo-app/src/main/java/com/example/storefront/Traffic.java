package com.example.storefront;

import java.util.ArrayList;
import java.util.List;

/** Steady customers: a few threads placing orders one after another, with a short pause between. */
final class Traffic {
    private final Storefront storefront;
    private final Timeline timeline;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    private final long pauseMillis;

    Traffic(Storefront storefront, Timeline timeline, int threads) {
        this(storefront, timeline, threads, 20);
    }

    /** {@code threads} customers, each pausing {@code pauseMillis} between orders. */
    Traffic(Storefront storefront, Timeline timeline, int threads, long pauseMillis) {
        this.pauseMillis = pauseMillis;
        this.storefront = storefront;
        this.timeline = timeline;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::run, "customer-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
    }

    void start() {
        workers.forEach(Thread::start);
    }

    private void run() {
        while (running) {
            long start = System.nanoTime();
            Storefront.Outcome outcome = storefront.placeOrder();
            timeline.record(outcome, start);
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread t : workers) {
            t.join(10_000);
        }
    }
}
