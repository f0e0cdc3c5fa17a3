package com.acme;

import java.io.IOException;

/** A client called with ever new keys (a per-user or per-tenant breaker), one call in three failing. */
public class Churn {
    public String call(String key, boolean fail) throws IOException {
        if (fail) {
            throw new IOException("failed for " + key);
        }
        return key;
    }

    private static volatile Thread background;

    /** {@code background-churn on|off}: a thread calling 20 keys round and round, a third failing, until off. */
    static String background(boolean on) throws InterruptedException {
        Thread running = background;
        if (running != null) {
            running.interrupt();
            running.join(10_000);
            background = null;
        }
        if (on) {
            Thread t = new Thread(() -> {
                Churn churn = new Churn();
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    try {
                        churn.call("k" + (i % 20), i % 3 == 0);
                    } catch (IOException | RuntimeException e) {
                        // expected
                    }
                    if (i % 100 == 0) {
                        Thread.yield();
                    }
                }
            }, "background-churn");
            t.setDaemon(true);
            t.start();
            background = t;
        }
        return "ok";
    }

    /** {@code churn N}: N distinct keys, one call each; how long it took. */
    static String run(int n) {
        Churn churn = new Churn();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try {
                churn.call("user-" + i, i % 3 == 0);
            } catch (IOException | RuntimeException e) {
                // the application's own failure, or a rejection: both expected here
            }
        }
        return "ok " + (System.nanoTime() - start) / 1_000_000;
    }
}
