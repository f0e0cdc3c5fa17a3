package dev.tripswitch.runtime;

import java.lang.ref.ReferenceQueue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects whose call was already judged, by identity and weakly held: for a client whose
 * methods all read one response ({@code HttpURLConnection}: {@code getResponseCode},
 * {@code getHeaderField} and {@code getInputStream} each re-enter the exchange), one object is
 * one call, however many of its methods the application calls. An object the application
 * drops leaves the set with the next change.
 */
final class JudgedObjects {
    private final Map<WeakIdentityKey, Boolean> judged = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /** Whether a call of {@code object} was judged already. */
    boolean contains(Object object) {
        return object != null && !judged.isEmpty() && judged.containsKey(new WeakIdentityKey(object, null));
    }

    /** Remembers {@code object} as judged; false when it was already. */
    boolean add(Object object) {
        expunge();
        return judged.putIfAbsent(new WeakIdentityKey(object, collected), Boolean.TRUE) == null;
    }

    int size() {
        expunge();
        return judged.size();
    }

    private void expunge() {
        Object gone;
        while ((gone = collected.poll()) != null) {
            judged.remove(gone);
        }
    }
}
