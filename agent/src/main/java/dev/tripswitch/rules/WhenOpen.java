package dev.tripswitch.rules;

/** What a rejected call ends with ({@code whenOpen:}): exactly one of four answers. */
public sealed interface WhenOpen {
    /** The exception the agent throws when a rule names none. */
    String DEFAULT_EXCEPTION = "dev.tripswitch.CircuitOpenException";

    Throw DEFAULT = new Throw(DEFAULT_EXCEPTION);

    /** Throw an exception of this type, with the message docs/behaviour.md gives. */
    record Throw(String type) implements WhenOpen {
    }

    /**
     * Return a literal: null, a boolean, a number or a string; or, when {@code empty}, the
     * empty value of the method's return type (collection, Optional, array, "").
     */
    record Return(Object value, boolean empty) implements WhenOpen {
    }

    /** Call a static method taking the same parameters (and optionally a Throwable last). */
    record Call(String className, String method) implements WhenOpen {
    }

    /** The last successful result for equal arguments, younger than {@code ttlNanos}; else the default throw. */
    record LastGood(long ttlNanos, int max) implements WhenOpen {
    }
}
