package dev.tripswitch.engine;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last N calls, in a ring of outcome slots. The three counts live packed in one
 * {@link AtomicLong} (21 bits each) and move by the exact difference between the
 * outcome that leaves a slot and the one that enters it, so they always equal the sum
 * of the slots, with no lock. A call whose outcome equals the one it replaces changes
 * nothing and writes nothing but the sequence.
 *
 * <p>The steady healthy state writes nothing at all: when every slot holds a plain
 * success, a success only replaces one identical slot by another, so the ring is left
 * as it is and the sequence does not move. The verdicts stay those of a ring that
 * rotated (Resilience4j's): the next different outcome still leaves the window exactly
 * {@code size} calls later. Threads sharing a healthy breaker then only read this
 * window, and do not contend on a shared cursor.
 *
 * <p>The ring is allocated in pages of {@link #PAGE} slots as calls reach them: a large
 * window on a keyed rule (one window per host) costs memory only for the calls a key
 * really had, not 4 bytes per slot up front for every key.
 */
final class CountWindow implements Window {
    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;

    /** Slots per page (a power of two). */
    static final int PAGE = 4096;
    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(PAGE);

    private final int size;
    private final AtomicReferenceArray<AtomicIntegerArray> pages;
    private final long reciprocal;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong counts = new AtomicLong();
    /** The packed counts of a full window of healthy calls: {@code size} calls, no failure, none slow. */
    private final long fullOfSuccesses;

    CountWindow(int size) {
        this.size = size;
        this.pages = new AtomicReferenceArray<>((size + PAGE - 1) >>> PAGE_SHIFT);
        if (size <= PAGE) {
            pages.set(0, new AtomicIntegerArray(size));
        }
        this.reciprocal = Long.divideUnsigned(-1L, size) + 1;
        this.fullOfSuccesses = size;
    }

    @Override
    public boolean record(int outcome, long nowNanos) {
        if (outcome == CALL && counts.get() == fullOfSuccesses) {
            return false; // every slot holds a success: replacing one by another changes nothing, so skip the ring
        }
        int i = nextSlot();
        AtomicIntegerArray page = pages.get(i >>> PAGE_SHIFT);
        if (page == null) {
            page = allocate(i >>> PAGE_SHIFT);
        }
        int slot = i & (PAGE - 1);
        if (page.get(slot) == outcome) {
            return false;
        }
        int old = page.getAndSet(slot, outcome);
        if (old == outcome) {
            return false;
        }
        counts.getAndAdd(delta(old, outcome));
        return true;
    }

    /** Creates page {@code p} on first use; a thread that loses the race uses the winner's. */
    private AtomicIntegerArray allocate(int p) {
        int length = Math.min(PAGE, size - (p << PAGE_SHIFT));
        AtomicIntegerArray created = new AtomicIntegerArray(length);
        return pages.compareAndSet(p, null, created) ? created : pages.get(p);
    }

    /** Slots allocated so far (for tests and the memory estimate). */
    int allocatedSlots() {
        int n = 0;
        for (int p = 0; p < pages.length(); p++) {
            AtomicIntegerArray page = pages.get(p);
            n += page == null ? 0 : page.length();
        }
        return n;
    }

    /**
     * The next slot of the ring: one atomic add (no retry loop under contention), then the
     * remainder by {@code size} through a multiplication by its reciprocal (Lemire's
     * "fastmod") instead of a division. The sequence is taken modulo 2^32, so once every
     * four billion calls one slot is reused early, which the exact delta accounting absorbs.
     */
    private int nextSlot() {
        return remainder(sequence.getAndIncrement() & 0xFFFF_FFFFL, reciprocal, size);
    }

    /** {@code n % size} for {@code 0 <= n < 2^32}, given {@code reciprocal = 2^64 / size + 1}. */
    static int remainder(long n, long reciprocal, int size) {
        long low = reciprocal * n;
        return (int) (Math.multiplyHigh(low, size) + ((low >> 63) & size));
    }

    /** The packed change of the counts when {@code from} leaves a slot and {@code to} enters it. */
    private static long delta(int from, int to) {
        long calls = bit(to, CALL) - bit(from, CALL);
        long failed = bit(to, FAILED) - bit(from, FAILED);
        long slow = bit(to, SLOW) - bit(from, SLOW);
        return calls + (failed << BITS) + (slow << (2 * BITS));
    }

    private static long bit(int outcome, int bit) {
        return (outcome & bit) != 0 ? 1 : 0;
    }

    @Override
    public void expire(long nowNanos) {
        // a count window never ages
    }

    @Override
    public long calls() {
        return counts.get() & MASK;
    }

    @Override
    public long failures() {
        return (counts.get() >>> BITS) & MASK;
    }

    @Override
    public long slowCalls() {
        return (counts.get() >>> (2 * BITS)) & MASK;
    }

    @Override
    public void clear() {
        for (int p = 0; p < pages.length(); p++) {
            AtomicIntegerArray page = pages.get(p);
            for (int i = 0; page != null && i < page.length(); i++) {
                int old = page.getAndSet(i, 0);
                if (old != 0) {
                    counts.getAndAdd(delta(old, 0));
                }
            }
        }
    }
}
