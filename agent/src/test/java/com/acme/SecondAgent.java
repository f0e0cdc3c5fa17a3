package com.acme;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another agent in the same JVM (as APM agents are), which retransforms classes later.
 * Its transformer changes nothing but counts what it saw.
 */
public final class SecondAgent {
    public static volatile Instrumentation instrumentation;
    public static final AtomicInteger SEEN = new AtomicInteger();

    private SecondAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                    byte[] bytes) {
                if ("com/acme/PaymentsClient".equals(name)) {
                    SEEN.incrementAndGet();
                }
                return null;
            }
        }, true);
    }

    /** Retransforms {@link PaymentsClient} as another agent would; returns how often this agent saw it. */
    static int retransform() throws Exception {
        instrumentation.retransformClasses(PaymentsClient.class);
        return SEEN.get();
    }
}
