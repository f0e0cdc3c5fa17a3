package dev.tripswitch.weaving;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.instrument.Instrumentation;

import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/**
 * What {@link Hierarchy} learns of loaded classes through a real {@link Instrumentation}
 * (attached to this test JVM): the class a loader has loaded under a name, none for a name it
 * has not loaded, and none from the bootstrap loader, whose loaded classes come from elsewhere.
 */
class LoadedTypesTest {
    @Test
    void findsWhatALoaderHasLoadedOnceOpened() {
        LoadedTypes.open(ByteBuddyAgent.install());
        ClassLoader app = LoadedTypesTest.class.getClassLoader();
        assertSame(LoadedTypesTest.class, LoadedTypes.find(app, LoadedTypesTest.class.getName()));
        assertSame(String.class, LoadedTypes.find(app, "java.lang.String"), "a class the loader was asked for and delegated");
        assertNull(LoadedTypes.find(app, "no.such.Type"), "never loaded");
        assertNull(LoadedTypes.find(null, "java.lang.String"), "the bootstrap loader is not asked");
        assertNull(LoadedTypes.find(app, "not a [valid] name"), "a name no class can have: no answer, no exception");
    }
}
