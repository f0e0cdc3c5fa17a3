package dev.tripswitch.instrumentation;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which {@code DataSource}s pass through to their database's calls: HikariCP (the real one,
 * on the test class path), and other pools and Spring's wrappers by their class names; a plain
 * {@code DataSource} (HikariCP's own {@code DriverDataSource}, which connects) is a call.
 */
class JdbcPoolsTest {
    private final ClientInstrumentation.PassThrough pools = Presets.get("jdbc").passThrough();

    /** A DataSource that connects itself, as a driver's own does. */
    static class Plain implements DataSource {
        @Override
        public Connection getConnection() {
            return null;
        }

        @Override
        public Connection getConnection(String user, String password) {
            return null;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return null;
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void hikariPassesThroughItsDriverDataSourceIsACall() {
        assertTrue(pools.passesThrough(new com.zaxxer.hikari.HikariDataSource()));
        assertFalse(pools.passesThrough(new com.zaxxer.hikari.util.DriverDataSource("jdbc:postgresql://db:5432/shop",
                null, new java.util.Properties(), "u", "p")), "it connects: a call");
        assertFalse(pools.passesThrough(new Plain()));
        assertFalse(pools.passesThrough("not a data source"));
    }
}
