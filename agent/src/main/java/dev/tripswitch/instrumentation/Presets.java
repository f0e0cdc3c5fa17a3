package dev.tripswitch.instrumentation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tripswitch.rules.PresetCatalog;

/**
 * The presets users name in {@code rules.yml}: one {@link ClientLibrary} per client library,
 * each in its own file beside this one and registered by one line in {@link #LIBRARIES}.
 * The docs' tables (docs/presets.md, the README's matrix) are rendered from the same
 * definitions. A preset is defined when first asked for, so a start builds the definitions
 * of the presets its rules name, not of all of them.
 */
public final class Presets {
    /** Every client library, in the order the docs list them: adding one is its file and a line here. */
    private static final List<ClientLibrary> LIBRARIES = List.of(
            new JdkHttpClientInstrumentation(),
            new HttpUrlConnectionInstrumentation(),
            new OkHttpInstrumentation(),
            new ApacheHttpClient5Instrumentation(),
            new ApacheHttpClient4Instrumentation(),
            new SpringRestClientInstrumentation(),
            new SpringWebClientInstrumentation(),
            new ReactorNettyInstrumentation(),
            new GrpcInstrumentation(),
            new JdbcInstrumentation(),
            new JedisInstrumentation(),
            new LettuceInstrumentation(),
            new KafkaProducerInstrumentation(),
            new R2dbcInstrumentation());
    private static final Map<String, ClientLibrary> BY_NAME;
    private static final List<HostProbe> HOST_PROBES;

    static {
        Map<String, ClientLibrary> byName = new LinkedHashMap<>();
        List<HostProbe> probes = new ArrayList<>();
        for (ClientLibrary library : LIBRARIES) {
            if (byName.put(library.preset(), library) != null) {
                throw new IllegalStateException("two libraries are preset " + library.preset());
            }
            HostProbe probe = library.hostProbe();
            if (probe != null) {
                probes.add(probe);
            }
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        HOST_PROBES = List.copyOf(probes);
    }

    private static final Map<String, ClientInstrumentation> DEFINED = new ConcurrentHashMap<>();
    private static final PresetCatalog CATALOG = new PresetCatalog() {
        @Override
        public ClientInstrumentation get(String name) {
            return Presets.get(name);
        }

        @Override
        public Set<String> names() {
            return Presets.names();
        }
    };

    private Presets() {
    }

    /** The presets as the rules layer reads them ({@code RulesLoader}). */
    public static PresetCatalog catalog() {
        return CATALOG;
    }

    /** The preset of that name, or null. */
    public static ClientInstrumentation get(String name) {
        ClientLibrary library = BY_NAME.get(name);
        if (library == null) {
            return null;
        }
        ClientInstrumentation defined = DEFINED.get(name);
        if (defined != null) {
            return defined;
        }
        defined = library.definition(); // not under the map's lock: a definition may ask for other presets
        ClientInstrumentation first = DEFINED.putIfAbsent(name, defined);
        return first != null ? first : defined;
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    public static List<ClientInstrumentation> all() {
        List<ClientInstrumentation> out = new ArrayList<>();
        for (String name : names()) {
            out.add(get(name));
        }
        return List.copyOf(out);
    }

    /** Every library's host probe, in registry order ({@code HostKeys} asks them before its generic getters). */
    public static List<HostProbe> hostProbes() {
        return HOST_PROBES;
    }
}
