package dev.tripswitch.runtime;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The built-in {@code host} key: generic getters first asked of each library's own probe. */
class HostKeysTest {

    /** HikariCP's pool and the DriverDataSource its connection adder calls name the same database. */
    @Test
    void aPoolAndItsOwnConnectsShareTheirDatabasesKey() throws Exception {
        String url = "jdbc:postgresql://db:5432/shop";
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setJdbcUrl(url);
        assertEquals("db:5432", HostKeys.of(pool, new Object[0]), "the pool, by its getJdbcUrl()");
        Object adder = new com.zaxxer.hikari.util.DriverDataSource(url, null, new java.util.Properties(), "u", "p");
        assertEquals("db:5432", HostKeys.of(adder, new Object[0]), "its DriverDataSource, by its jdbcUrl field");
    }

    @Test
    void urisUrlsAndAddressStringsAreHosts() throws Exception {
        assertEquals("api.acme.com:443", HostKeys.of(null, new Object[] {URI.create("https://api.acme.com/orders")}));
        assertEquals("api.acme.com:8080", HostKeys.of(null, new Object[] {"http://api.acme.com:8080/x"}));
        assertNull(HostKeys.of("not an address", new Object[] {42}));
    }

    /** A library's probe (HttpClient 5's request producer, which has no getter) leads on to the generic ones. */
    @Test
    void aLibrarysProbeLeadsToTheRequestItWraps() throws Exception {
        Object producer = new org.apache.hc.core5.http.nio.support.BasicRequestProducer(
                org.apache.hc.core5.http.Method.GET, URI.create("http://payments.internal:8081/pay"), null);
        assertEquals("payments.internal:8081", HostKeys.of(null, new Object[] {producer}));
    }
}
