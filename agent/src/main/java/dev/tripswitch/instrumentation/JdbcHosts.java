package dev.tripswitch.instrumentation;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The host key of JDBC calls: a statement's connection's database URL, read once per
 * connection; {@link #IN_PROCESS} for an embedded database. Kept apart from
 * {@link JdbcInstrumentation} so that an application that uses no database never loads the
 * {@code java.sql} module.
 */
public final class JdbcHosts {
    /** The key of a call to a database inside this JVM: such calls get no breaker. Compared by identity. */
    public static final String IN_PROCESS = new String("in-process");
    private static final Map<Connection, String> URLS = Collections.synchronizedMap(new WeakHashMap<>());

    private JdbcHosts() {
    }

    /**
     * A probe for statements and connections, or null for other types. Asked by name: a type
     * that implements {@code java.sql.Statement} has loaded it already, while asking
     * {@code Statement.class} would load {@code java.sql} for every HTTP request an
     * application without a database keys by host.
     */
    static HostProbe.Reader probe(Class<?> type) {
        if (Reflect.implementsNamed(type, "java.sql.Statement")) {
            return (o, next) -> fromConnection(((Statement) o).getConnection());
        }
        if (Reflect.implementsNamed(type, "java.sql.Connection")) {
            return (o, next) -> fromConnection((Connection) o);
        }
        return null;
    }

    /**
     * The {@code jdbcUrl} or {@code url} String field of a {@code javax.sql.DataSource} that has
     * no getter for it (HikariCP's {@code DriverDataSource}, which its pool's connection adder
     * calls), made readable; null for any other type or when it cannot be read. So the pool's
     * own connects are keyed by their database like every other call, never keyless.
     */
    static java.lang.reflect.Field urlField(Class<?> type) {
        if (!Reflect.implementsNamed(type, "javax.sql.DataSource")) {
            return null;
        }
        java.lang.reflect.Field f = Reflect.readableField(type, "jdbcUrl", String.class);
        return f != null ? f : Reflect.readableField(type, "url", String.class);
    }

    private static String fromConnection(Connection connection) throws Exception {
        if (connection == null) {
            return null;
        }
        String url = URLS.get(connection);
        if (url == null) {
            url = connection.getMetaData().getURL();
            if (url == null) {
                return null;
            }
            URLS.put(connection, url);
        }
        return fromJdbcUrl(url);
    }

    /** JDBC URL prefixes of databases that run inside the JVM (H2's own TCP server opens one for itself). */
    private static final java.util.List<String> IN_PROCESS_PREFIXES = java.util.List.of("jdbc:h2:mem:", "jdbc:h2:file:",
            "jdbc:h2:~", "jdbc:h2:./", "jdbc:h2:/", "jdbc:h2:zip:", "jdbc:hsqldb:mem:", "jdbc:hsqldb:file:",
            "jdbc:hsqldb:res:", "jdbc:derby:memory:", "jdbc:derby:directory:", "jdbc:sqlite:", "jdbc:duckdb:");

    /**
     * Whether a JDBC URL names a database inside this JVM (H2, HSQLDB and Derby embedded, SQLite,
     * DuckDB): not a dependency that can be down, so its calls get no breaker.
     */
    static boolean inProcess(String url) {
        for (String prefix : IN_PROCESS_PREFIXES) {
            if (url.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return url.regionMatches(true, 0, "jdbc:derby:", 0, 11) && !url.contains("//");
    }

    /**
     * The host (and port) of a JDBC URL ({@code jdbc:postgresql://db:5432/shop} gives
     * {@code db:5432}); the URL without its parameters when it names no host
     * ({@code jdbc:h2:mem:test}).
     */
    public static String fromJdbcUrl(String url) {
        if (inProcess(url)) {
            return IN_PROCESS;
        }
        int slashes = url.indexOf("//");
        if (slashes >= 0) {
            int start = slashes + 2;
            int end = start;
            while (end < url.length() && "/;?".indexOf(url.charAt(end)) < 0) {
                end++;
            }
            String authority = url.substring(start, end);
            int at = authority.lastIndexOf('@');
            authority = at >= 0 ? authority.substring(at + 1) : authority;
            if (!authority.isEmpty()) {
                return authority;
            }
        }
        int at = url.indexOf(":@");
        if (at >= 0) { // jdbc:oracle:thin:@host:port:sid
            String rest = url.substring(at + 2);
            String[] parts = rest.split("[:/]");
            return parts.length > 1 ? parts[0] + ":" + parts[1] : parts[0];
        }
        int cut = url.length();
        for (char c : new char[] {';', '?'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }
}
