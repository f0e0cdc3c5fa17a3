package dev.tripswitch.engine;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last N calls, in a ring of outcome slots. The three counts live packed in one
 * {@link AtomicLong} (21 bits each) and move by the exact difference between the
 * outcome that leaves a slot and the one that enters it, so they always equal the sum
 * of the slots, with no lock. A call whose outcome equals the one it replaces (the
 * steady healthy state) changes nothing and writes nothing but the sequence.
 */
final class CountWindow implements Window {
    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;

    private final int size;
    private final AtomicIntegerArray slots;
    private final long reciprocal;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong counts = new AtomicLong();

    CountWindow(int size) {
        this.size = size;
        this.slots = new AtomicIntegerArray(size);
        this.reciprocal = Long.divideUnsigned(-1L, size) + 1;
    }

    @Override
    public boolean record(int outcome, long nowNanos) {
        int i = nextSlot();
        if (slots.get(i) == outcome) {
            return false;
        }
        int old = slots.getAndSet(i, outcome);
        if (old == outcome) {
            return false;
        }
        counts.getAndAdd(delta(old, outcome));
        return true;
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
        for (int i = 0; i < size; i++) {
            int old = slots.getAndSet(i, 0);
            if (old != 0) {
                counts.getAndAdd(delta(old, 0));
            }
        }
    }
}
