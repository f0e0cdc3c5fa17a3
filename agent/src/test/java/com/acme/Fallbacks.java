package com.acme;

/** Static fallbacks a rule's {@code whenOpen.call} names. */
public final class Fallbacks {
    private Fallbacks() {
    }

    public static String cancel(String id, long reason, Throwable cause) {
        return "queued cancel " + id + " (" + cause.getMessage() + ")";
    }
}
