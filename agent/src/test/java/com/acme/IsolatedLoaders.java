package com.acme;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads {@link PaymentsClient} a second and third time, in class loaders of the kind
 * plugin systems and application servers create: a URLClassLoader below the platform
 * loader, and one nested below another. Each copy is its own class, woven on its own.
 */
final class IsolatedLoaders {
    private static final Map<String, Object> CLIENTS = new HashMap<>();

    private IsolatedLoaders() {
    }

    static String charge(String account, boolean nested, boolean fail) throws Exception {
        Object client = CLIENTS.computeIfAbsent(nested ? "nested" : "flat", k -> create(nested));
        client.getClass().getField("failing").setBoolean(null, fail);
        try {
            return client.getClass().getMethod("charge", String.class, long.class).invoke(client, account, 1L)
                    + " via " + client.getClass().getClassLoader().getName();
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static Object create(boolean nested) {
        try {
            URL classes = PaymentsClient.class.getProtectionDomain().getCodeSource().getLocation();
            ClassLoader parent = ClassLoader.getPlatformClassLoader();
            if (nested) {
                parent = new URLClassLoader("outer", new URL[0], parent);
            }
            ClassLoader loader = new URLClassLoader(nested ? "inner" : "plugin", new URL[] {classes}, parent);
            return loader.loadClass("com.acme.PaymentsClient").getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
