package dev.tripswitch.runtime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tripswitch.engine.Clock;

/**
 * {@code whenOpen.lastGood}: the last successful result per list of equal arguments, for at
 * most {@code ttl}, holding at most {@code max} entries (least recently used go first).
 */
final class LastGoodCache {
    static final Object MISS = new Object();

    private final long ttlNanos;
    private final Clock clock;
    private final Map<List<Object>, Entry> entries;

    private static final class Entry {
        private final Object value;
        private final long storedAt;

        private Entry(Object value, long storedAt) {
            this.value = value;
            this.storedAt = storedAt;
        }
    }

    LastGoodCache(long ttlNanos, int max, Clock clock) {
        this.ttlNanos = ttlNanos;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Object>, LastGoodCache.Entry> eldest) {
                return size() > max;
            }
        };
    }

    void put(Object[] args, Object value) {
        List<Object> key = key(args);
        synchronized (entries) {
            entries.put(key, new Entry(value, clock.nanoTime()));
        }
    }

    /** The cached value, or {@link #MISS}. */
    Object get(Object[] args) {
        List<Object> key = key(args);
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e == null) {
                return MISS;
            }
            if (clock.nanoTime() - e.storedAt >= ttlNanos) {
                entries.remove(key);
                return MISS;
            }
            return e.value;
        }
    }

    private static List<Object> key(Object[] args) {
        return args == null ? List.of() : Arrays.asList(args);
    }
}
