package dev.tripswitch.benchmarks;

import java.io.IOException;

/**
 * Keys that never come back: an application calling a client with ever new keys (a breaker
 * per user or tenant), past the rule's {@code maxKeys}, one call in three failing. Each round
 * calls {@code keys} distinct keys once each and prints how long it took; benchmarks/key-churn.sh
 * runs it with the agent (benchmarks/key-churn.yml) and without, and compares the rounds.
 *
 * <p>Usage: {@code java [-javaagent:...=benchmarks/key-churn.yml] -cp benchmarks.jar
 * dev.tripswitch.benchmarks.KeyChurn ROUNDS KEYS}
 */
public final class KeyChurn {
    /** The client method the rule guards, keyed by its first argument. */
    public static final class Client {
        public String call(String key, boolean fail) throws IOException {
            if (fail) {
                throw new IOException("failed for " + key);
            }
            return key;
        }
    }

    private KeyChurn() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int keys = Integer.parseInt(args[1]);
        Client client = new Client();
        long next = 0;
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < keys; i++, next++) {
                try {
                    client.call("user-" + next, next % 3 == 0);
                } catch (IOException | RuntimeException e) {
                    // the application's own failure, or a rejection: both expected here
                }
            }
            out.append(r == 0 ? "" : " ").append((System.nanoTime() - start) / 1_000_000);
        }
        System.out.println(out);
    }
}
