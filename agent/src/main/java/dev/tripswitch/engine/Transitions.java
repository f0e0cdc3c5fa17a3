package dev.tripswitch.engine;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal-transition table of docs/behaviour.md ("States"), in one place. A move that is not in
 * it is a bug in the engine, so it fails loudly instead of corrupting the state.
 */
public final class Transitions {
    private static final Map<State, Set<State>> LEGAL = new EnumMap<>(State.class);

    static {
        // reset() may always go to CLOSED (CLOSED -> CLOSED clears the counts);
        // an operator may always force open or disable.
        LEGAL.put(State.CLOSED, EnumSet.of(State.CLOSED, State.OPEN, State.FORCED_OPEN, State.DISABLED));
        LEGAL.put(State.OPEN, EnumSet.of(State.HALF_OPEN, State.CLOSED, State.FORCED_OPEN, State.DISABLED));
        LEGAL.put(State.HALF_OPEN, EnumSet.of(State.CLOSED, State.OPEN, State.FORCED_OPEN, State.DISABLED));
        LEGAL.put(State.FORCED_OPEN, EnumSet.of(State.CLOSED, State.DISABLED));
        LEGAL.put(State.DISABLED, EnumSet.of(State.CLOSED, State.FORCED_OPEN));
    }

    private Transitions() {
    }

    /** True when the engine may move from {@code from} to {@code to}. */
    public static boolean isLegal(State from, State to) {
        return LEGAL.get(from).contains(to);
    }

    /** Throws {@link IllegalStateException} for a move the table does not allow. */
    static void check(State from, State to) {
        if (!isLegal(from, to)) {
            throw new IllegalStateException("illegal breaker transition " + from + " -> " + to);
        }
    }
}
