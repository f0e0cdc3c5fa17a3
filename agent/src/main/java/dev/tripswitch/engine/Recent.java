package dev.tripswitch.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a breaker counts while calls flow: the window and the failures in a row. A new
 * one starts on every close; OPEN and HALF_OPEN keep showing the one that tripped.
 */
final class Recent {
    final Window window;
    final AtomicInteger consecutiveFailures = new AtomicInteger();

    Recent(WindowConfig config) {
        this.window = config.newWindow();
    }

    void clear() {
        window.clear();
        consecutiveFailures.set(0);
    }
}
