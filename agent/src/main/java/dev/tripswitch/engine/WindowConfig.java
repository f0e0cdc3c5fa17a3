package dev.tripswitch.engine;

/** How much history the failure and slow-call rates are computed over. */
public sealed interface WindowConfig {

    /** Creates an empty window of this shape. */
    Window newWindow();

    /** The last {@code size} calls. */
    record Count(int size) implements WindowConfig {
        /** The most calls a count window holds: its counters are packed into 21 bits. */
        public static final int MAX_SIZE = 1_000_000;

        public Count {
            if (size < 1 || size > MAX_SIZE) {
                throw new IllegalArgumentException("count window size must be 1.." + MAX_SIZE + ", was " + size);
            }
        }

        @Override
        public Window newWindow() {
            return new CountWindow(size);
        }
    }

    /** The calls of the last {@code sizeNanos}, kept in {@code buckets} slices. */
    record Time(long sizeNanos, int buckets) implements WindowConfig {
        public static final int MAX_BUCKETS = 1000;
        static final long MIN_BUCKET_NANOS = 10_000_000L;

        public Time {
            if (buckets < 1 || buckets > MAX_BUCKETS) {
                throw new IllegalArgumentException("time window buckets must be 1.." + MAX_BUCKETS + ", was " + buckets);
            }
            if (sizeNanos / buckets < MIN_BUCKET_NANOS) {
                throw new IllegalArgumentException("time window size / buckets must be at least 10ms, was "
                        + (sizeNanos / buckets / 1_000_000.0) + "ms");
            }
        }

        public long bucketNanos() {
            return sizeNanos / buckets;
        }

        @Override
        public Window newWindow() {
            return new TimeWindow(bucketNanos(), buckets);
        }
    }
}
