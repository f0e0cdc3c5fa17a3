package com.acme;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A client the tests' target application protects; it fails on command and counts how often it really ran. */
public class PaymentsClient {
    public static volatile boolean failing;
    public static final AtomicInteger ENTERED = new AtomicInteger();

    public String charge(String account, long cents) throws IOException {
        ENTERED.incrementAndGet();
        if (failing) {
            throw new IOException("payments is down");
        }
        return "charged " + account + " " + cents;
    }

    public void ping() throws IOException {
        ENTERED.incrementAndGet();
        if (failing) {
            throw new IOException("payments is down");
        }
    }

    public int balance(String account) throws IOException {
        ENTERED.incrementAndGet();
        if (failing) {
            throw new IOException("payments is down");
        }
        return 42;
    }
}
