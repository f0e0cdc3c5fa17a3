package dev.tripswitch.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A map key that holds an object weakly and compares by its identity: equal to another key
 * for the same live object, a cleared one only to itself (so it can still be removed once
 * its queue reports it).
 */
final class WeakIdentityKey extends WeakReference<Object> {
    private final int hash;

    WeakIdentityKey(Object referent, ReferenceQueue<Object> queue) {
        super(referent, queue);
        hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WeakIdentityKey) || ((WeakIdentityKey) other).hash != hash) {
            return false;
        }
        WeakIdentityKey k = (WeakIdentityKey) other;
        Object mine = get();
        return mine != null && mine == k.get();
    }
}
