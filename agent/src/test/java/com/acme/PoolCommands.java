package com.acme;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;

/** HikariCP at its defaults (30 s connection timeout, 10 connections), as Spring Boot configures it. */
final class PoolCommands {
    private static HikariDataSource pool;

    private PoolCommands() {
    }

    /** {@code hikari-open URL USER}: a pool at Hikari's defaults. */
    static String open(String url, String user) throws SQLException {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(user);
        try (Connection first = ds.getConnection()) { // starts the pool, as Boot's first query does
            first.isValid(1);
        }
        pool = ds;
        return "ok " + ds.getMaximumPoolSize();
    }

    /** {@code hikari-query SQL}: one query through the pool, its first value or the exception, and its time. */
    static String query(String sql) {
        return queryOn(pool, sql);
    }

    private static final java.util.Map<String, javax.sql.DataSource> OTHERS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@code pool-open KIND URL USER}: Spring Boot's other pools at their defaults, {@code dbcp2}
     * (Commons DBCP2's {@code BasicDataSource}) or {@code tomcat} (Tomcat JDBC), started by a first checkout.
     */
    static String openOther(String kind, String url, String user) throws SQLException {
        javax.sql.DataSource ds;
        switch (kind) {
            case "dbcp2": {
                org.apache.commons.dbcp2.BasicDataSource b = new org.apache.commons.dbcp2.BasicDataSource();
                b.setUrl(url);
                b.setUsername(user);
                ds = b;
                break;
            }
            case "tomcat": {
                org.apache.tomcat.jdbc.pool.DataSource t = new org.apache.tomcat.jdbc.pool.DataSource();
                t.setUrl(url);
                t.setUsername(user);
                t.setDriverClassName("org.postgresql.Driver");
                ds = t;
                break;
            }
            default:
                throw new IllegalArgumentException(kind);
        }
        try (Connection first = ds.getConnection()) {
            first.isValid(1);
        }
        OTHERS.put(kind, ds);
        return "ok " + kind;
    }

    /** {@code pool-query KIND SQL}: one query through that pool, as {@code hikari-query}. */
    static String queryOther(String kind, String sql) {
        return queryOn(OTHERS.get(kind), sql);
    }

    private static String queryOn(javax.sql.DataSource pool, String sql) {
        long start = System.nanoTime();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return "ok " + r.getString(1) + took(start);
        } catch (SQLException e) {
            return "error " + e.getClass().getName() + ": " + e.getMessage() + took(start);
        }
    }

    /** {@code hikari-connections}: the pool's connections in all, and idle. */
    static String connections() {
        return "ok " + pool.getHikariPoolMXBean().getTotalConnections() + " " + pool.getHikariPoolMXBean().getIdleConnections();
    }

    private static String took(long start) {
        return " | took " + (System.nanoTime() - start) / 1_000_000 + " ms";
    }
}
