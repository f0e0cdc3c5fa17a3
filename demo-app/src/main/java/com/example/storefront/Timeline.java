package com.example.storefront;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the customers saw, second by second: how many orders ended how, and how long they took. */
final class Timeline {
    /** One second of traffic. */
    static final class Second {
        final List<Long> latenciesMicros = new ArrayList<>();
        final int[] outcomes = new int[Storefront.Outcome.values().length];

        synchronized void add(Storefront.Outcome outcome, long micros) {
            outcomes[outcome.ordinal()]++;
            latenciesMicros.add(micros);
        }

        synchronized int orders() {
            return latenciesMicros.size();
        }

        synchronized int count(Storefront.Outcome outcome) {
            return outcomes[outcome.ordinal()];
        }

        /** The q-quantile latency in milliseconds, or -1 without orders. */
        synchronized double quantileMillis(double q) {
            if (latenciesMicros.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
            return sorted.get(Math.max(0, index)) / 1000.0;
        }
    }

    private final long startNanos = System.nanoTime();
    private final List<Second> seconds = new ArrayList<>();

    synchronized Second at(int second) {
        while (seconds.size() <= second) {
            seconds.add(new Second());
        }
        return seconds.get(second);
    }

    int now() {
        return (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    void record(Storefront.Outcome outcome, long startedNanos) {
        long micros = (System.nanoTime() - startedNanos) / 1000;
        at((int) ((startedNanos - startNanos) / 1_000_000_000L)).add(outcome, micros);
    }

    /** Latency quantile over the seconds [from, to). */
    synchronized double quantileMillis(int from, int to, double q) {
        Second merged = new Second();
        for (int s = from; s < Math.min(to, seconds.size()); s++) {
            Second one = seconds.get(s);
            synchronized (one) {
                merged.latenciesMicros.addAll(one.latenciesMicros);
            }
        }
        return merged.quantileMillis(q);
    }

    synchronized int count(int from, int to, Storefront.Outcome outcome) {
        int n = 0;
        for (int s = from; s < Math.min(to, seconds.size()); s++) {
            n += seconds.get(s).count(outcome);
        }
        return n;
    }
}
