package dev.tripswitch.weaving;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The front of real class files: name, super class and interfaces, read without loading anything. */
class ClassHeaderTest {

    /** A class with constants of every width before its header fields. */
    static final class Sample extends Number implements Callable<String>, Serializable {
        static final long BIG = 1L << 40;
        static final double PI = 3.14159;
        static final String TEXT = "héllo wörld ✓";

        @Override
        public String call() {
            return TEXT + BIG + PI;
        }

        @Override
        public int intValue() {
            return 0;
        }

        @Override
        public long longValue() {
            return BIG;
        }

        @Override
        public float floatValue() {
            return 0;
        }

        @Override
        public double doubleValue() {
            return PI;
        }
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsNameSuperAndInterfaces() throws IOException {
        ClassHeader h = ClassHeader.read(bytesOf(Sample.class));
        assertEquals("dev.tripswitch.weaving.ClassHeaderTest$Sample", h.name());
        assertEquals("java.lang.Number", h.superName());
        assertEquals(List.of("java.util.concurrent.Callable", "java.io.Serializable"), h.interfaces());
        assertFalse(h.isInterface());
    }

    @Test
    void jdkClassesAndInterfaces() throws IOException {
        ClassHeader h = ClassHeader.read(bytesOf(java.net.HttpURLConnection.class));
        assertEquals("java.net.HttpURLConnection", h.name());
        assertEquals("java.net.URLConnection", h.superName());
        ClassHeader runnable = ClassHeader.read(bytesOf(Runnable.class));
        assertTrue(runnable.isInterface());
        assertEquals("java.lang.Object", runnable.superName());
        assertTrue(ClassHeader.read(bytesOf(Override.class)).isAnnotation());
        assertNull(ClassHeader.read(bytesOf(Object.class)).superName());
    }

    /** Nothing but its constructor. */
    static final class Empty {
    }

    /** A method name that is not ASCII, as a class file holds it in modified UTF-8. */
    static final class Accented {
        public int naïveCount() {
            return 1;
        }
    }

    private static boolean declares(byte[] classFile, String... names) {
        return ClassHeader.declaresMethod(classFile, MethodFilter.anyName(List.of(names)), new ClassHeader.Scratch());
    }

    @Test
    void declaredMethodsWithBodies() throws IOException {
        byte[] sample = bytesOf(Sample.class);
        assertTrue(declares(sample, "call"));
        assertTrue(declares(sample, "doubleValue"));
        assertFalse(declares(sample, "execute"));
        assertFalse(declares(sample, "cell", "calls", "Call"), "same first letter or length is not the name");
        assertFalse(declares(bytesOf(Runnable.class), "run"), "abstract: no body to weave");
        assertTrue(declares(bytesOf(java.net.HttpURLConnection.class), "getResponseCode"));
        assertTrue(declares(bytesOf(java.net.HttpURLConnection.class), "get*Code"));
        assertTrue(declares(bytesOf(java.net.HttpURLConnection.class), "*Code"));
        assertFalse(declares(bytesOf(java.net.HttpURLConnection.class), "get*Codes"));
        assertTrue(declares(sample, "*"));
    }

    @Test
    void constructorsAndInitializersAreNeverGuardableNames() throws IOException {
        assertFalse(declares(bytesOf(Empty.class), "*"), "only <init>: a star does not reach it");
        assertFalse(declares(bytesOf(Empty.class), "<init>"));
    }

    @Test
    void namesThatAreNotAsciiAreDecoded() throws IOException {
        byte[] accented = bytesOf(Accented.class);
        assertTrue(declares(accented, "naïveCount"));
        assertTrue(declares(accented, "na*Count"));
        assertFalse(declares(accented, "naiveCount"));
    }

    @Test
    void theScratchTableGrowsForLargeConstantPools() throws IOException {
        ClassHeader.Scratch scratch = new ClassHeader.Scratch();
        ClassHeader.NameTest names = MethodFilter.anyName(List.of("getResponseCode"));
        assertFalse(ClassHeader.declaresMethod(bytesOf(Runnable.class), names, scratch));
        byte[] large = bytesOf(String.class); // well over 512 constant pool entries
        assertFalse(ClassHeader.declaresMethod(large, names, scratch));
        assertTrue(ClassHeader.declaresMethod(large, MethodFilter.anyName(List.of("hashCode")), scratch));
        assertTrue(ClassHeader.declaresMethod(bytesOf(java.net.HttpURLConnection.class), names, scratch),
                "the same table serves the next class");
    }

    @Test
    void notAClassFileIsNull() {
        assertNull(ClassHeader.read(new byte[] {1, 2, 3}));
        assertNull(ClassHeader.read("CAFEBABE but not really".getBytes()));
    }

    @Test
    void referencedClasses() throws IOException {
        List<String> refs = ClassHeader.referencedClasses(bytesOf(Sample.class));
        assertTrue(refs.containsAll(List.of("java.lang.Number", "java.util.concurrent.Callable", "java.io.Serializable",
                "dev.tripswitch.weaving.ClassHeaderTest$Sample")), refs.toString());
    }
}
