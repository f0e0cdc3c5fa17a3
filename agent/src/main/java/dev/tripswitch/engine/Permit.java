package dev.tripswitch.engine;

/**
 * A permit is a {@code long}, so that handing one out and taking it back allocates
 * nothing. It names the state generation that granted it (an outcome that arrives after
 * the state moved on must not count in the new state) and, for a HALF_OPEN trial, the
 * trial slot and the ticket that proves the slot was not reclaimed meanwhile.
 *
 * <pre>
 * bit 63      : 0 (a negative permit means rejected)
 * bits 62..32 : state generation (31 bits)
 * bits 31..22 : trial slot + 1 (0 = not a trial, 1023 = let through without being judged)
 * bit  21     : the call holds a bulkhead slot ({@code maxConcurrent}), given back with its outcome
 * bits 20..0  : trial ticket
 * </pre>
 */
public final class Permit {
    /** The call must not run. */
    public static final long REJECTED = -1L;

    static final int GENERATION_MASK = 0x7FFF_FFFF;
    static final int NO_SLOT = 0;
    static final int UNJUDGED_SLOT = 1023;
    static final int TICKET_MASK = 0x1F_FFFF;
    static final long IN_BULKHEAD = 1L << 21;

    private Permit() {
    }

    /** True for {@link #REJECTED}. */
    public static boolean isRejected(long permit) {
        return permit < 0;
    }

    static long of(int generation, int slot, int ticket) {
        return ((long) (generation & GENERATION_MASK) << 32) | ((long) slot << 22) | (ticket & TICKET_MASK);
    }

    static int generation(long permit) {
        return (int) (permit >>> 32) & GENERATION_MASK;
    }

    static int slot(long permit) {
        return (int) (permit >>> 22) & 0x3FF;
    }

    static int ticket(long permit) {
        return (int) permit & TICKET_MASK;
    }

    static boolean inBulkhead(long permit) {
        return permit >= 0 && (permit & IN_BULKHEAD) != 0;
    }
}
