package dev.tripswitch.runtime;

/**
 * What the views show of the cluster link ({@code agent.cluster}): whether Redis answers,
 * how many other JVMs of the namespace were seen lately, when this JVM last exchanged state.
 * Written by the link's own thread, read by JMX and {@code /health}; holds no Redis type, so
 * the views never load the Redis client.
 */
public final class ClusterState {
    private final String redis;
    private final String namespace;
    private volatile boolean connected;
    private volatile int peers;
    private volatile long lastSyncAtMillis;
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    /** @param redis the address without its password */
    public ClusterState(String redis, String namespace) {
        this.redis = redis;
        this.namespace = namespace;
    }

    public String redis() {
        return redis;
    }

    public String namespace() {
        return namespace;
    }

    public boolean connected() {
        return connected;
    }

    public int peers() {
        return peers;
    }

    public long lastSyncAtMillis() {
        return lastSyncAtMillis;
    }

    public void connected(boolean value) {
        connected = value;
    }

    /** Changes this JVM could not tell the others: its outbox was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Counts one more dropped change; true for the first (the log says so once). */
    public boolean droppedOne() {
        return dropped.incrementAndGet() == 1;
    }

    /** Messages from the namespace this JVM did not apply: malformed, unsigned, wrongly signed, out of bounds. */
    public long refused() {
        return refused.get();
    }

    public void refusedOne() {
        refused.incrementAndGet();
    }

    /** A successful exchange with Redis, which saw {@code others} other JVMs of the namespace. */
    public void synced(long atMillis, int others) {
        lastSyncAtMillis = atMillis;
        peers = others;
    }
}
