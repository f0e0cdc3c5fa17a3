package com.acme;

import java.util.Map;

import net.bytebuddy.ByteBuddy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * An application that carries its own Byte Buddy, SnakeYAML and SLF4J (other versions
 * than the agent bundles) and uses all three, then serves the usual commands.
 */
public final class IsolatedApp {
    private IsolatedApp() {
    }

    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger(IsolatedApp.class);
        log.info("application logging is up");
        Class<?> generated = new ByteBuddy().subclass(Object.class).name("com.acme.Generated").make()
                .load(IsolatedApp.class.getClassLoader()).getLoaded();
        Map<?, ?> yaml = new Yaml().load("answer: 42");
        System.out.println("bytebuddy " + ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().getPath()
                + " made " + generated.getName());
        System.out.println("snakeyaml " + Yaml.class.getProtectionDomain().getCodeSource().getLocation().getPath()
                + " read " + yaml);
        System.out.println("slf4j " + LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        TargetApp.main(args);
    }
}
