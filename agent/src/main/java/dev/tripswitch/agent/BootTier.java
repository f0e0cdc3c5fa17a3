package dev.tripswitch.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.tripswitch.weaving.ClassHeader;

/**
 * Puts the bootstrap tier ({@link BootstrapTier}: what woven code calls) into the bootstrap
 * class loader, so that advice inside JDK classes and inside classes of any loader resolves
 * it and all see the same breakers.
 *
 * <p>The classes are defined there directly, supertypes first, without appending a jar to
 * the bootstrap search path: an appended path turns class-data sharing off for every class
 * outside the boot loader (an application's AppCDS archive stops working) and makes the JVM
 * print a warning at every start. Defining needs {@code jdk.internal.misc}, which
 * {@link Instrumentation#redefineModule} opens to the module of {@link BootDefiner} alone,
 * loaded by a class loader of its own. Should that ever fail (a JDK without that method),
 * the tier goes on the bootstrap search path as before ({@link BootstrapJar}).
 */
final class BootTier {
    private BootTier() {
    }

    static void install(Instrumentation inst) throws Exception {
        if (alreadyOnBootstrap()) {
            return; // a second copy of the agent: share the first one's bridge
        }
        File agentJar = new File(Premain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> classes = read(agentJar);
        try {
            define(inst, agentJar, classes);
        } catch (Exception | LinkageError e) {
            if (alreadyOnBootstrap()) {
                throw e; // partly defined: appending the jar now would give two copies
            }
            BootstrapJar.install(inst, classes);
        }
    }

    static boolean alreadyOnBootstrap() {
        try {
            Class.forName("dev.tripswitch.bridge.Dispatcher", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The tier's class files, by binary name. */
    private static Map<String, byte[]> read(File agentJar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(agentJar)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String path = entry.getName();
                if (path.endsWith(".class") && BootstrapTier.contains(path)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        out.put(path.substring(0, path.length() - 6).replace('/', '.'), in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }

    private static void define(Instrumentation inst, File agentJar, Map<String, byte[]> classes) throws Exception {
        URL jar = agentJar.toURI().toURL();
        try (URLClassLoader own = new DefinerLoader(jar)) {
            Class<?> definer = own.loadClass(BootDefiner.class.getName());
            inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(definer.getModule())),
                    Map.of(), Set.of(), Map.of());
            Method define = definer.getMethod("define", String.class, byte[].class);
            for (String name : supertypesFirst(classes)) {
                define.invoke(null, name, classes.get(name));
            }
        }
    }

    /** The names in an order where every class comes after the tier's classes it extends or implements. */
    static List<String> supertypesFirst(Map<String, byte[]> classes) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : classes.keySet()) {
            visit(name, classes, done, order);
        }
        return order;
    }

    private static void visit(String name, Map<String, byte[]> classes, Set<String> done, List<String> order) {
        if (!classes.containsKey(name) || !done.add(name)) {
            return;
        }
        ClassHeader header = ClassHeader.read(classes.get(name));
        if (header != null) {
            if (header.superName() != null) {
                visit(header.superName(), classes, done, order);
            }
            for (String type : header.interfaces()) {
                visit(type, classes, done, order);
            }
        }
        order.add(name);
    }

    /** Loads {@link BootDefiner} itself (not from its parent), and nothing else of the agent. */
    private static final class DefinerLoader extends URLClassLoader {
        DefinerLoader(URL jar) {
            super(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(BootDefiner.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
    }
}
