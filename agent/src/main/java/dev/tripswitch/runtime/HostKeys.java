package dev.tripswitch.runtime;

import java.net.URI;
import java.net.URL;
import java.util.List;

import dev.tripswitch.instrumentation.Reflect;

/**
 * The built-in key {@code host}: the {@code host:port} of the first URI, URL, HTTP request
 * or client request among the arguments or {@code this}, and for JDBC the database URL's
 * host. Which probe works for a class is learnt once and cached, so a class that has no
 * host costs one map read.
 */
final class HostKeys {
    private static final int MAX_DEPTH = 3;
    /** The key of a call to a database inside this JVM: such calls get no breaker ({@link JdbcHosts#inProcess}). */
    static final String IN_PROCESS = new String("in-process");
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
        JdbcHosts.Probe jdbc = JdbcHosts.probe(type);
        if (jdbc != null) {
            return jdbc::host;
        }
        if (Properties.has(type, "baseUrl") && Properties.has(type, "uri")) { // Reactor Netty's HttpClientConfig
            return (o, d) -> {
                String h = hostOf(Properties.get(o, "uri"), d + 1);
                return h != null ? h : hostOf(Properties.get(o, "baseUrl"), d + 1); // a relative uri on a base URL
            };
        }
        for (String lead : LEADS) {
            if (Properties.has(type, lead)) {
                return (o, d) -> hostOf(Properties.get(o, lead), d + 1);
            }
        }
        Class<?> grpcChannel = superclassNamed(type, "io.grpc.Channel");
        if (grpcChannel != null) { // a gRPC channel's authority, host:port (read through the public class)
            java.lang.reflect.Method authority;
            try {
                authority = grpcChannel.getMethod("authority");
            } catch (NoSuchMethodException e) {
                return NONE;
            }
            return (o, d) -> (String) authority.invoke(o);
        }
        java.lang.reflect.Field url = JdbcHosts.urlField(type);
        if (url != null) { // a DataSource that keeps its URL without a getter (HikariCP's DriverDataSource)
            return (o, d) -> hostOf(url.get(o), d + 1);
        }
        java.lang.reflect.Field held = producedRequest(type);
        if (held != null) {
            return (o, d) -> hostOf(held.get(o), d + 1);
        }
        boolean hasPort = Properties.has(type, "port");
        for (String hostName : List.of("host", "hostName")) {
            if (hasPort && Properties.has(type, hostName)) {
                return (o, d) -> hostPort(String.valueOf(Properties.get(o, hostName)),
                        ((Number) Properties.get(o, "port")).intValue(),
                        Properties.has(type, "schemeName") ? String.valueOf(Properties.get(o, "schemeName")) : null);
            }
        }
        return NONE;
    }

    /**
     * HttpClient 5's async requests come wrapped in a request producer that exposes no getter:
     * the {@code request} field its {@code BasicRequestProducer} keeps, or null for any other type.
     */
    private static java.lang.reflect.Field producedRequest(Class<?> type) {
        return implementsNamed(type, "org.apache.hc.core5.http.nio.AsyncRequestProducer")
                ? Reflect.readableField(type, "request", null) : null;
    }

    private static Class<?> superclassNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Whether {@code type} implements the interface {@code name}, asked without loading that interface. */
    static boolean implementsNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name) || implementsNamed(i, name)) {
                    return true;
                }
            }
        }
        return false;
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
