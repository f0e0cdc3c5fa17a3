package dev.tripswitch.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Objects whose one call was judged: by identity, never by equals, and never kept alive. */
class JudgedObjectsTest {

    /** Equal to every other instance, as a value class could be. */
    private static final class AllEqual {
        @Override
        public boolean equals(Object o) {
            return o instanceof AllEqual;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Test
    void judgedByIdentity() {
        JudgedObjects judged = new JudgedObjects();
        Object a = new AllEqual();
        Object b = new AllEqual();
        assertFalse(judged.contains(a));
        assertTrue(judged.add(a));
        assertFalse(judged.add(a), "the second call on the same object is not judged again");
        assertTrue(judged.contains(a));
        assertFalse(judged.contains(b), "an equal but different object is another call");
        assertFalse(judged.contains(null));
    }

    @Test
    void droppedObjectsLeave() {
        JudgedObjects judged = new JudgedObjects();
        for (int i = 0; i < 10_000; i++) {
            judged.add(new Object());
        }
        for (int i = 0; i < 20 && judged.size() >= 10_000; i++) {
            System.gc(); // a hint: the loop ends as soon as the collector has cleared some of them
        }
        assertTrue(judged.size() < 10_000, "collected objects are dropped, " + judged.size() + " left");
    }
}
