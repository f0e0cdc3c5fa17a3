package dev.tripswitch.weaving;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * Keeps Byte Buddy's parsed type descriptions per class loader across class loads. With
 * {@code subtypes: true} every class that loads is checked against the rule's type by
 * walking its supertypes; without a shared cache each walk parsed the same supertypes
 * again (most of a second and a half added to the demo's start). Loaders are held weakly
 * (a redeployed application can go) and descriptions softly (memory pressure can take them).
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = Collections.synchronizedMap(new WeakHashMap<>());
    private final TypePool.CacheProvider bootstrap = new TypePool.CacheProvider.Simple.UsingSoftReference();

    TypePoolCache() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        return byLoader.computeIfAbsent(loader, l -> new TypePool.CacheProvider.Simple.UsingSoftReference());
    }
}
