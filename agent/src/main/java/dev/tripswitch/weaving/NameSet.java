package dev.tripswitch.weaving;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names and globs (as {@link TypePattern} reads them), asked with one hash look-up for the
 * exact ones and a glob match for each glob. The front asks it for every method name of
 * every class that may fall under a subtype rule, so the usual case (plain method names)
 * must not walk a list of patterns.
 */
final class NameSet {
    private final Set<String> exact = new HashSet<>();
    private final TypePattern[] globs;
    /** Per ASCII first character, bit {@code n}: an exact name starts with it and has {@code n} characters (n < 64). */
    private final long[] exactLengths = new long[128];
    /** Whether an exact name lies beyond those masks (64 characters or more, or not starting with ASCII). */
    private boolean exactBeyondMasks;
    /** The shortest name a glob starting with {@code c} (index 128: with a star) can match; MAX_VALUE: none. */
    private final int[] globMinLength = new int[129];

    NameSet(Collection<String> namesOrGlobs) {
        java.util.Arrays.fill(globMinLength, Integer.MAX_VALUE);
        List<TypePattern> globList = new ArrayList<>();
        for (String name : namesOrGlobs) {
            TypePattern pattern = new TypePattern(name);
            if (pattern.exact() != null) {
                exact.add(name);
                char first = name.isEmpty() ? 0x80 : name.charAt(0);
                if (name.length() >= 64 || first >= 0x80) {
                    exactBeyondMasks = true;
                } else {
                    exactLengths[first] |= 1L << name.length();
                }
            } else {
                globList.add(pattern);
                char first = name.charAt(0);
                int slot = first == '*' || first >= 0x80 ? 128 : first;
                globMinLength[slot] = Math.min(globMinLength[slot], pattern.minLength());
            }
        }
        this.globs = globList.toArray(new TypePattern[0]);
    }

    boolean contains(String name) {
        if (exact.contains(name)) {
            return true;
        }
        for (TypePattern glob : globs) {
            if (glob.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a name given as modified UTF-8 bytes (as a class file holds it) may be in the
     * set: false when no exact name has both its first character and its length, and no glob can be
     * that short or start that way; true when it may, or when it is not plain ASCII (then the
     * caller decodes it and asks {@link #contains}). Most method names of most classes are
     * ruled out here without a string being made.
     */
    boolean mayContain(byte[] bytes, int start, int length) {
        if (length == 0 || length >= 64) {
            return true;
        }
        int first = bytes[start];
        for (int i = start; i < start + length; i++) {
            if (bytes[i] < 0) {
                return true; // not ASCII: decide on the decoded name
            }
        }
        return exactBeyondMasks || (exactLengths[first] >>> length & 1) != 0
                || length >= globMinLength[first] || length >= globMinLength[128];
    }
}
