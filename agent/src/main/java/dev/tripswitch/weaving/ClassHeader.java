package dev.tripswitch.weaving;

import java.util.ArrayList;
import java.util.List;

/**
 * The front of a class file: its name, super class and interfaces, read from the constant
 * pool without parsing the rest (fields, methods, code) and without loading anything.
 * Reading one costs microseconds, against the milliseconds of a full type description, so
 * it is how the agent decides whether a class can match a rule at all.
 *
 * @param name       binary name with dots ({@code com.acme.Client$Inner})
 * @param superName  the super class, or null for {@code java.lang.Object} and modules
 * @param interfaces the directly implemented interfaces
 * @param access     the class's access flags
 */
public final class ClassHeader {
    private final String name;
    private final String superName;
    private final List<String> interfaces;
    private final int access;

    public ClassHeader(String name, String superName, List<String> interfaces, int access) {
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
        this.access = access;
    }

    public String name() {
        return name;
    }

    public String superName() {
        return superName;
    }

    public List<String> interfaces() {
        return interfaces;
    }

    public int access() {
        return access;
    }

    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ANNOTATION = 0x2000;
    private static final int ACC_SYNTHETIC = 0x1000;

    public boolean isInterface() {
        return (access & ACC_INTERFACE) != 0;
    }

    public boolean isAnnotation() {
        return (access & ACC_ANNOTATION) != 0;
    }

    public boolean isSynthetic() {
        return (access & ACC_SYNTHETIC) != 0;
    }

    /** The header of {@code bytes}, or null when they are not a class file this reader understands. */
    public static ClassHeader read(byte[] bytes) {
        try {
            Pool pool = new Pool(bytes);
            int at = pool.end;
            int access = u2(bytes, at);
            String name = pool.className(u2(bytes, at + 2));
            int superIndex = u2(bytes, at + 4);
            String superName = superIndex == 0 ? null : pool.className(superIndex);
            int count = u2(bytes, at + 6);
            List<String> interfaces = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                interfaces.add(pool.className(u2(bytes, at + 8 + 2 * i)));
            }
            return name == null ? null : new ClassHeader(name, superName, List.copyOf(interfaces), access);
        } catch (RuntimeException e) {
            return null; // truncated or malformed: the JVM will say so itself
        }
    }

    /** Method names as a class file holds them: tested from their modified UTF-8 bytes, decoded only if need be. */
    interface NameTest {
        boolean test(byte[] classFile, int start, int length);
    }

    /**
     * A thread's table of constant pool offsets, reused class after class: the front asks
     * {@link #declaresMethod} about every class that loads, and a table per class was most of
     * the garbage the agent made while an application started.
     */
    static final class Scratch {
        private int[] offsets = new int[512];

        int[] offsets(int count) {
            if (offsets.length < count) {
                offsets = new int[Math.max(count, offsets.length * 2)];
            }
            return offsets;
        }
    }

    /**
     * Whether the class declares a method with a body whose name {@code names} accepts:
     * read from the method table (field and method attributes are skipped by their lengths).
     * A class with no such method cannot be woven for a rule, whatever its supertypes.
     * Allocates nothing unless a name may match and must be decoded.
     */
    static boolean declaresMethod(byte[] bytes, NameTest names, Scratch scratch) {
        try {
            int count = Pool.count(bytes);
            int[] offsets = scratch.offsets(count);
            int at = Pool.walk(bytes, count, offsets, null) + 6;
            at += 2 + 2 * u2(bytes, at);               // interfaces
            at = skipMembers(bytes, at);               // fields
            int methods = u2(bytes, at);
            at += 2;
            for (int i = 0; i < methods; i++) {
                int access = u2(bytes, at);
                boolean body = (access & (0x0400 | 0x0100)) == 0; // not abstract, not native
                if (body) {
                    int utf8 = offsets[u2(bytes, at + 2)];
                    if (names.test(bytes, utf8 + 2, u2(bytes, utf8))) {
                        return true;
                    }
                }
                at = skipAttributes(bytes, at + 6);
            }
            return false;
        } catch (RuntimeException e) {
            return true; // unreadable here: let the full decision look at it
        }
    }

    private static int skipMembers(byte[] b, int at) {
        int count = u2(b, at);
        at += 2;
        for (int i = 0; i < count; i++) {
            at = skipAttributes(b, at + 6);
        }
        return at;
    }

    private static int skipAttributes(byte[] b, int at) {
        int count = u2(b, at);
        at += 2;
        for (int i = 0; i < count; i++) {
            int length = ((b[at + 2] & 0xff) << 24) | ((b[at + 3] & 0xff) << 16) | ((b[at + 4] & 0xff) << 8)
                    | (b[at + 5] & 0xff);
            at += 6 + length;
        }
        return at;
    }

    /** Every class a class file names in its constant pool (what it instantiates, calls, casts to, catches). */
    public static List<String> referencedClasses(byte[] bytes) {
        Pool pool = new Pool(bytes);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < pool.count; i++) {
            if (pool.tags[i] == 7) {
                out.add(pool.className(i));
            }
        }
        return out;
    }

    private static int u2(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    /** Where each constant pool entry starts; strings are decoded only when asked for. */
    private static final class Pool {
        final byte[] bytes;
        final int count;
        final int[] offsets;
        final byte[] tags;
        final int end;

        Pool(byte[] bytes) {
            this.bytes = bytes;
            this.count = count(bytes);
            this.offsets = new int[count];
            this.tags = new byte[count];
            this.end = walk(bytes, count, offsets, tags);
        }

        /** The number of constant pool slots (one more than its entries), after checking these are a class file. */
        static int count(byte[] bytes) {
            if (bytes.length < 10 || u2(bytes, 0) != 0xCAFE || u2(bytes, 2) != 0xBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            return u2(bytes, 8);
        }

        /** Fills where each entry starts (and its tag, if asked); returns where the pool ends. */
        static int walk(byte[] bytes, int count, int[] offsets, byte[] tags) {
            int at = 10;
            for (int i = 1; i < count; i++) {
                byte tag = bytes[at];
                if (tags != null) {
                    tags[i] = tag;
                }
                offsets[i] = at + 1;
                at += 1 + entryLength(bytes, at, tag);
                if (tag == 5 || tag == 6) {
                    i++; // eight-byte constants take two entries
                }
            }
            return at;
        }

        /** How many bytes follow the tag of the constant pool entry at {@code at}. */
        private static int entryLength(byte[] bytes, int at, byte tag) {
            switch (tag) {
                case 1: // Utf8
                    return 2 + u2(bytes, at + 1);
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    return 4; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5: case 6:
                    return 8; // Long, Double
                case 7: case 8: case 16: case 19: case 20:
                    return 2; // Class, String, MethodType, Module, Package
                case 15:
                    return 3; // MethodHandle
                default:
                    throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }

        /** The dotted name of a CONSTANT_Class entry. */
        String className(int index) {
            if (tags[index] != 7) {
                return null;
            }
            return utf8(u2(bytes, offsets[index])).replace('/', '.');
        }

        /** A modified UTF-8 constant (class names are almost always ASCII: the fast path). */
        String utf8(int index) {
            int at = offsets[index];
            return decode(bytes, at + 2, u2(bytes, at));
        }
    }

    /** Decodes {@code length} bytes of modified UTF-8 from {@code start}. */
    static String decode(byte[] bytes, int start, int length) {
        char[] chars = new char[length];
        int n = 0;
        for (int i = start; i < start + length; ) {
            int c = bytes[i] & 0xff;
            if (c < 0x80) {
                chars[n++] = (char) c;
                i++;
            } else if ((c & 0xe0) == 0xc0) {
                chars[n++] = (char) (((c & 0x1f) << 6) | (bytes[i + 1] & 0x3f));
                i += 2;
            } else {
                chars[n++] = (char) (((c & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f));
                i += 3;
            }
        }
        return new String(chars, 0, n);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ClassHeader)) {
            return false;
        }
        ClassHeader other = (ClassHeader) o;
        return java.util.Objects.equals(name, other.name)
            && java.util.Objects.equals(superName, other.superName)
            && java.util.Objects.equals(interfaces, other.interfaces)
            && access == other.access;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, superName, interfaces, access);
    }

    @Override
    public String toString() {
        return "ClassHeader[name=" + name + ", superName=" + superName + ", interfaces=" + interfaces + ", access=" + access + "]";
    }
}
