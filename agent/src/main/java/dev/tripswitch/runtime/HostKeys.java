package dev.tripswitch.runtime;

import java.net.URI;
import java.net.URL;
import java.util.List;

import dev.tripswitch.instrumentation.HostProbe;
import dev.tripswitch.instrumentation.JdbcHosts;
import dev.tripswitch.instrumentation.Presets;
import dev.tripswitch.instrumentation.Reflect;

/**
 * The built-in key {@code host}: the {@code host:port} of the first URI, URL, HTTP request
 * or client request among the arguments or {@code this}, and for JDBC the database URL's
 * host. Generic getters lead from an object towards its address; what only one client
 * library knows (a gRPC channel's authority, a JDBC statement's connection) is that
 * library's {@link HostProbe}, asked first. Which probe works for a class is learnt once and
 * cached, so a class that has no host costs one map read.
 */
final class HostKeys {
    private static final int MAX_DEPTH = 3;
    /** Getters that lead from a request, call, connection or data source towards its address. */
    private static final List<String> LEADS = List.of("uri", "URI", "url", "URL", "jdbcUrl", "request",
            "configuration", "target");
    private static final Probe NONE = (o, depth) -> null;
    private static final ClassValue<Probe> PROBES = new ClassValue<>() {
        @Override
        protected Probe computeValue(Class<?> type) {
            return probeFor(type);
        }
    };
    /** What a library's object leads to, read one level deeper: {@code NEXT[d]} continues at depth d + 1. */
    private static final HostProbe.Next[] NEXT = new HostProbe.Next[MAX_DEPTH + 1];

    static {
        for (int d = 0; d <= MAX_DEPTH; d++) {
            int depth = d + 1;
            NEXT[d] = leadsTo -> hostOf(leadsTo, depth);
        }
    }

    @FunctionalInterface
    private interface Probe {
        String host(Object target, int depth) throws Exception;
    }

    private HostKeys() {
    }

    /** The host key of a call, or null when nothing in it has an address. */
    static String of(Object self, Object[] args) throws Exception {
        if (args != null) {
            for (Object arg : args) {
                String h = hostOf(arg, 0);
                if (h != null) {
                    return h;
                }
            }
        }
        return hostOf(self, 0);
    }

    static String hostOf(Object o, int depth) throws Exception {
        if (o == null || depth > MAX_DEPTH) {
            return null;
        }
        return PROBES.get(o.getClass()).host(o, depth);
    }

    private static Probe probeFor(Class<?> type) {
        if (URI.class.isAssignableFrom(type)) {
            return (o, d) -> fromUri((URI) o);
        }
        if (URL.class.isAssignableFrom(type)) {
            return (o, d) -> fromUrl((URL) o);
        }
        if (type == String.class) {
            return (o, d) -> fromString((String) o);
        }
        for (HostProbe library : Presets.hostProbes()) {
            HostProbe.Reader reader = library.readerFor(type);
            if (reader != null) {
                return (o, d) -> reader.host(o, NEXT[d]);
            }
        }
        for (String lead : LEADS) {
            if (Reflect.hasProperty(type, lead)) {
                return (o, d) -> hostOf(Reflect.property(o, lead), d + 1);
            }
        }
        boolean hasPort = Reflect.hasProperty(type, "port");
        for (String hostName : List.of("host", "hostName")) {
            if (hasPort && Reflect.hasProperty(type, hostName)) {
                return (o, d) -> hostPort(String.valueOf(Reflect.property(o, hostName)),
                        ((Number) Reflect.property(o, "port")).intValue(),
                        Reflect.hasProperty(type, "schemeName") ? String.valueOf(Reflect.property(o, "schemeName"))
                                : null);
            }
        }
        return NONE;
    }

    static String fromUri(URI uri) {
        return uri.getHost() == null ? null : hostPort(uri.getHost(), uri.getPort(), uri.getScheme());
    }

    static String fromUrl(URL url) {
        return url.getHost() == null || url.getHost().isEmpty() ? null
                : hostPort(url.getHost(), url.getPort() != -1 ? url.getPort() : url.getDefaultPort(), url.getProtocol());
    }

    /** {@code http://...} and {@code https://...} strings and JDBC URLs; other strings are not addresses. */
    static String fromString(String s) {
        if (s.startsWith("jdbc:")) {
            return JdbcHosts.fromJdbcUrl(s);
        }
        if (s.startsWith("http://") || s.startsWith("https://")) {
            try {
                return fromUri(URI.create(s));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code host:port}, with the scheme's default port when none is given. */
    static String hostPort(String host, int port, String scheme) {
        if (port < 0 && scheme != null) {
            switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
                case "http": case "ws":
                    port = 80;
                    break;
                case "https": case "wss":
                    port = 443;
                    break;
                default:
                    port = -1;
                    break;
            }
        }
        return port < 0 ? host : host + ":" + port;
    }
}
