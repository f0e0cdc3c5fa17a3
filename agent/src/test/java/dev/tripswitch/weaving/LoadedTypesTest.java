package dev.tripswitch.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.Instrumentation;

import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/**
 * What {@link Hierarchy} learns of loaded classes through a real {@link Instrumentation}
 * (attached to this test JVM): the class a loader has loaded under a name, none for a name it
 * has not loaded; and, asked without a loader, the JDK's type of that name, loaded if need be
 * when the agent never weaves it.
 */
class LoadedTypesTest {
    @Test
    void findsWhatALoaderHasLoadedOnceOpened() {
        LoadedTypes.open(ByteBuddyAgent.install());
        ClassLoader app = LoadedTypesTest.class.getClassLoader();
        assertSame(LoadedTypesTest.class, LoadedTypes.find(app, LoadedTypesTest.class.getName()));
        assertSame(String.class, LoadedTypes.find(app, "java.lang.String"), "a class the loader was asked for and delegated");
        assertNull(LoadedTypes.find(app, "no.such.Type"), "never loaded");
        assertNull(LoadedTypes.find(app, "not a [valid] name"), "a name no class can have: no answer, no exception");
    }

    @Test
    void aJdkTypeTheAgentNeverWeavesIsLoadedIfNeedBeAJdkClientOnlyLookedUp() {
        Instrumentation inst = ByteBuddyAgent.install();
        LoadedTypes.open(inst);
        String utility = "java.util.concurrent.Exchanger"; // nothing in this test JVM uses these two
        String client = "javax.sql.rowset.spi.SyncResolver";
        assertFalse(loaded(inst, utility) || loaded(inst, client), "the test needs JDK types not loaded yet");

        assertEquals(utility, LoadedTypes.find(null, utility).getName(), "never woven: loaded, through the platform loader");
        assertTrue(loaded(inst, utility));
        assertNull(LoadedTypes.find(null, client), "a JDK client loaded during a transformation would escape weaving");
        assertFalse(loaded(inst, client), "so it is left for the JVM to load: its class file is read instead");

        assertSame(String.class, LoadedTypes.find(null, "java.lang.String"), "the bootstrap loader's, through it too");
        assertSame(java.sql.Connection.class, LoadedTypes.find(null, "java.sql.Connection"), "a client loaded already");
        assertNull(LoadedTypes.find(null, "javax.servlet.Servlet"), "javax.* of a library is not the JDK's");
        assertNull(LoadedTypes.find(null, "java.lang.NoSuchType"));
        assertNull(LoadedTypes.find(null, "not a [valid] name"));
    }

    private static boolean loaded(Instrumentation inst, String name) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
