package dev.tripswitch.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.tripswitch.engine.Clock;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.HttpSettings;
import dev.tripswitch.runtime.BreakerRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On loopback the endpoint answers only requests addressed to a loopback name (a page of
 * another site rebound to 127.0.0.1 reads nothing), and the live page runs only its own inline
 * style and script.
 */
class StatusServerTest {

    @Test
    void loopbackNames() {
        for (String ok : new String[] {null, "localhost", "localhost:9091", "LOCALHOST", "127.0.0.1", "127.0.0.1:9091",
            "127.1.2.3:80", "[::1]", "[::1]:9091", "app.localhost:9091"}) {
            assertTrue(StatusServer.loopbackName(ok), ok);
        }
        for (String bad : new String[] {"evil.example", "evil.example:9091", "127.0.0.1.evil.example", "10.0.0.1",
            "[::2]:9091", "localhost.evil.example", ""}) {
            assertFalse(StatusServer.loopbackName(bad), bad);
        }
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedOnLoopback() {
        StatusServer server = new StatusServer(new BreakerRegistry(Clock.system()), new HttpSettings(0, "127.0.0.1", null),
                AgentLog.to(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())), null);
        HttpExchange.Response rebound = server.handle(new HttpExchange.Request("GET", "/api/breakers", null,
                Map.of("host", "evil.example:9091")));
        assertEquals(421, rebound.status());
        HttpExchange.Response local = server.handle(new HttpExchange.Request("GET", "/health", null,
                Map.of("host", "localhost:9091")));
        assertEquals(200, local.status());
    }

    @Test
    void thePagesPolicyAllowsItsOwnInlineCodeByHash() throws Exception {
        String page = "<html><style>b{}</style><script>go()</script></html>";
        String policy = LivePage.policy(page);
        String script = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest("go()".getBytes(StandardCharsets.UTF_8)));
        assertTrue(policy.contains("script-src 'sha256-" + script + "'"), policy);
        assertTrue(policy.startsWith("default-src 'none'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    }
}
