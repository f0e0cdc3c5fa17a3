package dev.tripswitch.cluster;

/**
 * One change of a breaker, as the JVMs of a namespace tell each other through Redis:
 * {@code OPEN} (tripped, for the time it has left), {@code FORCED_OPEN} (by an operator),
 * {@code CLOSED} (reset by an operator, or its trial calls succeeded). Fields are separated by
 * the ASCII unit separator, which no breaker name and no sensible key contains; the key is
 * last, so it may contain anything else.
 *
 * @param kind            what happened
 * @param origin          the JVM it happened in ({@code pid@host/random})
 * @param remainingMillis for OPEN: how long the breaker stays open
 * @param breaker         the rule's name
 * @param key             the breaker's key, or null for a rule without keys
 * @param reason          why, as the origin's transition said
 */
record ClusterMessage(Kind kind, String origin, long remainingMillis, String breaker, String key, String reason) {
    enum Kind { OPEN, FORCED_OPEN, CLOSED }

    private static final char SEP = '\u001f';
    private static final String VERSION = "1";

    String encode() {
        return VERSION + SEP + kind + SEP + origin + SEP + remainingMillis + SEP + breaker + SEP
                + reason.replace(SEP, ' ') + SEP + (key == null ? "N" : "K" + key);
    }

    /** The message, or null for one this version does not understand (a newer agent's). */
    static ClusterMessage decode(String text) {
        String[] f = text.split(String.valueOf(SEP), 7);
        if (f.length != 7 || !f[0].equals(VERSION) || f[6].isEmpty()) {
            return null;
        }
        try {
            return new ClusterMessage(Kind.valueOf(f[1]), f[2], Long.parseLong(f[3]), f[4],
                    f[6].charAt(0) == 'K' ? f[6].substring(1) : null, f[5]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
