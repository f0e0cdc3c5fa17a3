package dev.tripswitch.runtime;

import java.net.URI;
import java.net.URL;

import dev.tripswitch.rules.KeyExpression;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** key: host, argN, argN.a.b, this.a.b; a null anywhere gives "-". */
class KeyResolverTest {

    /** A request as client libraries shape them: a getter leading to the address. */
    public record Request(URI uri) {
    }

    /** Host and port properties, as Apache's HttpHost has them. */
    public static final class Host {
        public String getHostName() {
            return "api.acme.com";
        }

        public int getPort() {
            return -1;
        }

        public String getSchemeName() {
            return "https";
        }
    }

    /** An account with a nested property. */
    public record Account(String id, Account parent) {
    }

    private static String key(String expression, Object self, Object... args) throws Exception {
        return new KeyResolver(KeyExpression.parse(expression)).resolve(self, args);
    }

    @Test
    void hostOfTheFirstAddressAmongTheArgumentsOrThis() throws Exception {
        assertEquals("api.acme.com:443", key("host", null, "not an address", URI.create("https://api.acme.com/x")));
        assertEquals("shop:8080", key("host", null, new URL("http://shop:8080/")));
        assertEquals("10.0.0.1:80", key("host", null, new Request(URI.create("http://10.0.0.1/a"))));
        assertEquals("api.acme.com:443", key("host", null, new Host()), "host, port and scheme properties");
        assertEquals("svc:9000", key("host", new Request(URI.create("http://svc:9000")), 42));
        assertNull(key("host", null, 1, 2), "no address: no key");
    }

    @Test
    void argumentsAndPaths() throws Exception {
        Account acme = new Account("acme", null);
        assertEquals("acme", key("arg0.id", null, acme));
        assertEquals("-", key("arg0.parent.id", null, acme), "a null on the way gives -");
        assertEquals("7", key("arg1", null, "x", 7));
        assertEquals("acme", key("this.id", acme));
        assertThrows(IllegalArgumentException.class, () -> key("arg2", null, "only one"));
        assertThrows(Exception.class, () -> key("arg0.nothing", null, acme));
    }
}
