package dev.tripswitch.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fallback puts exactly the tier's class files, as read, in the jar it appends. */
class BootstrapJarTest {

    @Test
    void theAppendedJarHoldsTheTiersClasses() throws Exception {
        List<JarFile> appended = new ArrayList<>();
        Instrumentation inst = (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    if (method.getName().equals("appendToBootstrapClassLoaderSearch")) {
                        appended.add((JarFile) args[0]);
                    }
                    return null;
                });
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("dev.tripswitch.bridge.Dispatcher", new byte[] {1, 2, 3});
        classes.put("dev.tripswitch.engine.CircuitBreaker$State", new byte[] {4});
        BootstrapJar.install(inst, classes);
        assertEquals(1, appended.size());
        try (JarFile jar = appended.get(0)) {
            assertEquals(2, jar.size());
            assertArrayEquals(new byte[] {1, 2, 3}, jar.getInputStream(jar.getEntry("dev/tripswitch/bridge/Dispatcher.class"))
                    .readAllBytes());
            assertArrayEquals(new byte[] {4}, jar.getInputStream(
                    jar.getEntry("dev/tripswitch/engine/CircuitBreaker$State.class")).readAllBytes());
        }
    }
}
