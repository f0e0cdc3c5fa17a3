package com.acme;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What any application does with the JDK's functional types: format a date, run its own
 * Runnable and Callable on an executor, map with a Function. Broad subtype rules
 * ({@code java.lang.Runnable}, {@code subtypes: true}) must leave all of it working.
 */
final class Everyday {
    static final AtomicInteger RAN = new AtomicInteger();

    private Everyday() {
    }

    /** The application's own Runnable: a broad rule may guard it. */
    static final class Job implements Runnable {
        @Override
        public void run() {
            RAN.incrementAndGet();
        }
    }

    /** The application's own Callable. */
    static final class Answer implements Callable<String> {
        @Override
        public String call() {
            return "42";
        }
    }

    /** The application's own Function. */
    static final class Twice implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return 2 * x;
        }
    }

    static String run() throws Exception {
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(LocalDate.of(2026, 11, 25));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            pool.submit(new Job()).get();
            String answer = pool.submit(new Answer()).get();
            List<Integer> doubled = List.of(1, 2, 3).stream().map(new Twice()).map(x -> x + 1).collect(java.util.stream.Collectors.toList());
            return date + " " + RAN.get() + " " + answer + " " + doubled;
        } finally {
            pool.shutdown();
        }
    }
}
