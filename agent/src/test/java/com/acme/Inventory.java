package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/** A slow dependency the test app calls from many threads at once. */
public class Inventory {
    public String reserve(String sku, long millis) throws InterruptedException {
        Thread.sleep(millis);
        return "reserved " + sku;
    }

    /** {@code threads} callers at once, each reserving for {@code millis}: how many got each answer. */
    static String crowd(int threads, long millis) throws InterruptedException {
        Inventory inventory = new Inventory();
        CountDownLatch go = new CountDownLatch(1);
        Map<String, Integer> answers = new TreeMap<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                String answer;
                try {
                    go.await();
                    answer = inventory.reserve("sku", millis);
                } catch (Exception e) {
                    answer = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                synchronized (answers) {
                    answers.merge(answer, 1, Integer::sum);
                }
            });
            callers.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : callers) {
            t.join();
        }
        return answers.toString();
    }
}
