package com.example.storefront;

import java.util.List;

/** The scripted story: steady traffic, payments goes down and recovers, the database stalls and recovers. */
final class Scenario {
    /** From {@code atSecond} on, the dependencies behave as this phase says. */
    record Phase(int atSecond, String title, Mode payments, Mode inventory, Mode database) {
    }

    private Scenario() {
    }

    /** The full story (65 s) or the short one CI runs (28 s). */
    static List<Phase> phases(boolean shortRun) {
        int k = shortRun ? 2 : 5; // seconds per step
        return List.of(
                new Phase(0, "steady traffic", Mode.HEALTHY, Mode.HEALTHY, Mode.HEALTHY),
                new Phase(2 * k, "payments down", Mode.SLOW, Mode.HEALTHY, Mode.HEALTHY),
                new Phase(5 * k, "payments back", Mode.HEALTHY, Mode.HEALTHY, Mode.HEALTHY),
                new Phase(7 * k, "database stalls", Mode.HEALTHY, Mode.HEALTHY, Mode.SLOW),
                new Phase(10 * k, "database back", Mode.HEALTHY, Mode.HEALTHY, Mode.HEALTHY),
                // the short run (CI) keeps 8 s after the stall: room for a backed-off trial under load
                new Phase(shortRun ? 14 * k : 13 * k, "end", Mode.HEALTHY, Mode.HEALTHY, Mode.HEALTHY));
    }

    /** The phase at a second of the run. */
    static Phase at(List<Phase> phases, int second) {
        Phase current = phases.get(0);
        for (Phase p : phases) {
            if (p.atSecond() <= second) {
                current = p;
            }
        }
        return current;
    }
}
