package dev.tripswitch.weaving;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A method returning any promise the agent does not follow is left unguarded and said so,
 * decided by the type's hierarchy rather than a list of names: every {@code Future} subtype
 * (the JDK's, Guava's, Netty's) counts, a plain value does not.
 */
class FutureTypesTest {
    private final FutureTypes types = new FutureTypes();
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void everyFutureSubtypeIsAPromise() {
        for (String name : new String[] {"java.util.concurrent.Future", "java.util.concurrent.ScheduledFuture",
            "java.util.concurrent.RunnableFuture", "java.util.concurrent.FutureTask",
            "com.google.common.util.concurrent.FluentFuture", "com.google.common.util.concurrent.ListenableFuture",
            "io.netty.channel.ChannelFuture", "io.netty.util.concurrent.Future"}) {
            assertTrue(types.deferred(loader, name), name);
        }
    }

    @Test
    void valuesAreNot() {
        for (String name : new String[] {"java.util.List", "java.io.InputStream", "java.net.http.HttpResponse",
            "dev.tripswitch.weaving.Shapes"}) {
            assertFalse(types.deferred(loader, name), name);
        }
    }

    @Test
    void aCompletionStageIsFollowed() {
        assertTrue(types.of(loader, "java.util.concurrent.CompletableFuture"));
        assertFalse(types.of(loader, "java.util.concurrent.ScheduledFuture"));
    }
}
