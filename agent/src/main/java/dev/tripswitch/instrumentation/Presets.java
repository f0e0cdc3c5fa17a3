package dev.tripswitch.instrumentation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presets users name in {@code rules.yml}: one {@link ClientInstrumentation} per
 * client library, each defined in its own file beside this one. Adding a library is a new
 * file and a line here; the docs' tables are rendered from the same definitions.
 */
public final class Presets {
    private static final Map<String, ClientInstrumentation> ALL = new LinkedHashMap<>();

    static {
        for (ClientInstrumentation i : List.of(JdkHttpClientInstrumentation.definition(),
                HttpUrlConnectionInstrumentation.definition(), OkHttpInstrumentation.definition(),
                ApacheHttpClient5Instrumentation.definition(), SpringWebClientInstrumentation.definition(),
                GrpcInstrumentation.definition(), JdbcInstrumentation.definition())) {
            ALL.put(i.preset(), i);
        }
    }

    private Presets() {
    }

    /** The preset of that name, or null. */
    public static ClientInstrumentation get(String name) {
        return ALL.get(name);
    }

    public static Set<String> names() {
        return ALL.keySet();
    }

    public static List<ClientInstrumentation> all() {
        return List.copyOf(ALL.values());
    }
}
