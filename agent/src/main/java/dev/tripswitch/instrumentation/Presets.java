package dev.tripswitch.instrumentation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The presets users name in {@code rules.yml}: one {@link ClientInstrumentation} per
 * client library, each defined in its own file beside this one. Adding a library is a new
 * file, its name in {@link #NAMES} and a case in {@link #define}; the docs' tables are
 * rendered from the same definitions. A preset is defined when first asked for, so a start
 * loads the definitions (and their classes) of the presets its rules name, not of all of them.
 */
public final class Presets {
    /** Every preset's name, in the order the docs list them. */
    private static final Set<String> NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            JdkHttpClientInstrumentation.PRESET, HttpUrlConnectionInstrumentation.PRESET, OkHttpInstrumentation.PRESET,
            ApacheHttpClient5Instrumentation.PRESET, ApacheHttpClient4Instrumentation.PRESET,
            SpringRestClientInstrumentation.PRESET,
            SpringWebClientInstrumentation.PRESET, ReactorNettyInstrumentation.PRESET, GrpcInstrumentation.PRESET,
            JdbcInstrumentation.PRESET)));
    private static final Map<String, ClientInstrumentation> DEFINED = new ConcurrentHashMap<>();

    private Presets() {
    }

    /** The preset of that name, or null. */
    public static ClientInstrumentation get(String name) {
        if (!NAMES.contains(name)) {
            return null;
        }
        ClientInstrumentation defined = DEFINED.get(name);
        if (defined != null) {
            return defined;
        }
        defined = define(name); // not under the map's lock: a definition may ask for other presets
        ClientInstrumentation first = DEFINED.putIfAbsent(name, defined);
        return first != null ? first : defined;
    }

    public static Set<String> names() {
        return NAMES;
    }

    public static List<ClientInstrumentation> all() {
        List<ClientInstrumentation> out = new ArrayList<>();
        for (String name : NAMES) {
            out.add(get(name));
        }
        return List.copyOf(out);
    }

    private static ClientInstrumentation define(String name) {
        switch (name) {
            case JdkHttpClientInstrumentation.PRESET:
                return JdkHttpClientInstrumentation.definition();
            case HttpUrlConnectionInstrumentation.PRESET:
                return HttpUrlConnectionInstrumentation.definition();
            case OkHttpInstrumentation.PRESET:
                return OkHttpInstrumentation.definition();
            case ApacheHttpClient4Instrumentation.PRESET:
                return ApacheHttpClient4Instrumentation.definition();
            case ApacheHttpClient5Instrumentation.PRESET:
                return ApacheHttpClient5Instrumentation.definition();
            case SpringRestClientInstrumentation.PRESET:
                return SpringRestClientInstrumentation.definition();
            case SpringWebClientInstrumentation.PRESET:
                return SpringWebClientInstrumentation.definition();
            case ReactorNettyInstrumentation.PRESET:
                return ReactorNettyInstrumentation.definition();
            case GrpcInstrumentation.PRESET:
                return GrpcInstrumentation.definition();
            case JdbcInstrumentation.PRESET:
                return JdbcInstrumentation.definition();
            default:
                throw new IllegalArgumentException("no preset " + name);
        }
    }
}
