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

    @Test
    void declaredMethodsWithBodies() throws IOException {
        byte[] sample = bytesOf(Sample.class);
        assertTrue(ClassHeader.declaresMethod(sample, "call"::equals));
        assertTrue(ClassHeader.declaresMethod(sample, "doubleValue"::equals));
        assertFalse(ClassHeader.declaresMethod(sample, "execute"::equals));
        assertFalse(ClassHeader.declaresMethod(bytesOf(Runnable.class), "run"::equals), "abstract: no body to weave");
        assertTrue(ClassHeader.declaresMethod(bytesOf(java.net.HttpURLConnection.class), "getResponseCode"::equals));
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
