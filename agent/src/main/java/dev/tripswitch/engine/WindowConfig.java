package dev.tripswitch.engine;

/** How much history the failure and slow-call rates are computed over. */
public interface WindowConfig {

    /** Creates an empty window of this shape. */
    Window newWindow();

    /** What one breaker with this window may hold in the heap, at most (the window full), in bytes. */
    long maxBytesPerBreaker();

    /** A breaker's own objects besides its window: states, counters, latency histogram. */
    long BREAKER_BYTES = 2048;

    /** The last {@code size} calls. */
    static final class Count implements WindowConfig {
        private final int size;

        public int size() {
            return size;
        }

        /** The most calls a count window holds: its counters are packed into 21 bits. */
        public static final int MAX_SIZE = 1_000_000;
        /** The size when a rule names the type only. */
        public static final int DEFAULT_SIZE = 100;

        public Count(int size) {
            if (size < 1 || size > MAX_SIZE) {
                throw new IllegalArgumentException("count window size must be 1.." + MAX_SIZE + ", was " + size);
            }
            this.size = size;
        }

        @Override
        public Window newWindow() {
            return new CountWindow(size);
        }

        /** Four bytes a call once the ring is full (pages are allocated as calls arrive). */
        @Override
        public long maxBytesPerBreaker() {
            return BREAKER_BYTES + 4L * size + 16L * ((size + CountWindow.PAGE - 1) / CountWindow.PAGE);
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Count)) {
                return false;
            }
            Count other = (Count) o;
            return size == other.size;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(size);
        }

        @Override
        public String toString() {
            return "Count[size=" + size + "]";
        }
    }

    /** The calls of the last {@code sizeNanos}, kept in {@code buckets} slices. */
    static final class Time implements WindowConfig {
        private final long sizeNanos;
        private final int buckets;

        public long sizeNanos() {
            return sizeNanos;
        }

        public int buckets() {
            return buckets;
        }

        public static final int MAX_BUCKETS = 1000;
        /** The size when a rule names the type only. */
        public static final long DEFAULT_SIZE_NANOS = 10_000_000_000L;
        static final long MIN_BUCKET_NANOS = 10_000_000L;
        private static final int DEFAULT_BUCKETS = 10;

        /** The buckets of a window of {@code sizeNanos} when the rule does not say: 10, fewer for a short window. */
        public static int defaultBuckets(long sizeNanos) {
            return (int) Math.max(1, Math.min(DEFAULT_BUCKETS, sizeNanos / MIN_BUCKET_NANOS));
        }

        public Time(long sizeNanos, int buckets) {
            if (buckets < 1 || buckets > MAX_BUCKETS) {
                throw new IllegalArgumentException("time window buckets must be 1.." + MAX_BUCKETS + ", was " + buckets);
            }
            if (sizeNanos / buckets < MIN_BUCKET_NANOS) {
                throw new IllegalArgumentException("time window size / buckets must be at least 10ms, was "
                        + (sizeNanos / buckets / 1_000_000.0) + "ms");
            }
            this.sizeNanos = sizeNanos;
            this.buckets = buckets;
        }

        public long bucketNanos() {
            return sizeNanos / buckets;
        }

        @Override
        public Window newWindow() {
            return new TimeWindow(bucketNanos(), buckets);
        }

        /**
         * A bucket's epoch, failures and slow calls, and its calls striped (see {@link TimeWindow});
         * counted with the most stripes any machine gets, so the bound holds wherever it runs.
         */
        @Override
        public long maxBytesPerBreaker() {
            return BREAKER_BYTES + 24L * buckets + 8L * TimeWindow.MAX_STRIPES * Math.max(buckets, 8);
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Time)) {
                return false;
            }
            Time other = (Time) o;
            return sizeNanos == other.sizeNanos
                && buckets == other.buckets;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(sizeNanos, buckets);
        }

        @Override
        public String toString() {
            return "Time[sizeNanos=" + sizeNanos + ", buckets=" + buckets + "]";
        }
    }
}
