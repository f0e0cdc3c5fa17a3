package dev.tripswitch.weaving;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The weaving decision made offline, for {@code check rules.yml --classpath ...}: every class
 * file of the application's class path goes through the same front and weaver as at run
 * time (headers, supertypes read through a loader over that class path, each method's
 * return type), and nothing is defined or run. It answers, before a deployment, which
 * methods each rule would guard and which it would leave alone ("cannot judge").
 */
public final class DryRun {
    private DryRun() {
    }

    /** What the weaver would do to the classes of {@code classPath} (jars and directories). */
    public static WeaveReport of(List<Weaver.Target> targets, List<Path> classPath) throws IOException {
        List<String> names = new ArrayList<>();
        for (Weaver.Target t : targets) {
            names.add(t.rule().name());
        }
        WeaveReport report = new WeaveReport(names);
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = classPath.get(i).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader("check", urls, ClassLoader.getPlatformClassLoader())) {
            Front front = new Front(targets, new ReportingListener(report, (type, matched, error) -> {
                // the report keeps what check prints
            }, null));
            for (Path entry : classPath) {
                if (Files.isDirectory(entry)) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                            String name = entry.relativize(f).toString().replace('\\', '/');
                            front.transform(null, loader, name.substring(0, name.length() - 6), null, null,
                                    Files.readAllBytes(f));
                        }
                    }
                } else if (Files.isRegularFile(entry)) {
                    try (JarFile jar = new JarFile(entry.toFile())) {
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            JarEntry e = entries.nextElement();
                            if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")
                                    && !e.getName().endsWith("module-info.class")) {
                                try (InputStream in = jar.getInputStream(e)) {
                                    front.transform(null, loader, e.getName().substring(0, e.getName().length() - 6),
                                            null, null, in.readAllBytes());
                                }
                            }
                        }
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return report;
    }
}
