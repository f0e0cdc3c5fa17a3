package dev.tripswitch.rules;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent: block. */
class AgentReaderTest {

    @Test
    void everyKey() {
        YamlReader y = Nodes.reader();
        AgentSettings a = new AgentReader(y).agent(Nodes.of("""
                log: debug
                reload: true
                http: {port: 0, bind: 0.0.0.0, token: "${TOKEN}"}
                """));
        assertEquals(LogLevel.DEBUG, a.log());
        assertTrue(a.reload());
        assertEquals(new HttpSettings(0, "0.0.0.0", "s3cret"), a.http());
        assertEquals(0, y.problemCount());
    }

    @Test
    void absentHttpOpensNoSocketAndTheClusterIsRead() {
        YamlReader y = Nodes.reader();
        AgentSettings a = new AgentReader(y).agent(Nodes.of(
                "chaos: true\ncluster: {redis: \"rediss://app:pa55@cache.acme.com:6380/2\", namespace: shop}"));
        assertNull(a.http());
        assertTrue(a.chaos(), "chaos is active");
        assertEquals(List.of(), y.notices());
        ClusterSettings c = a.cluster();
        assertEquals("shop", c.namespace());
        assertTrue(c.tls());
        assertEquals("app", c.user());
        assertEquals("pa55", c.password());
        assertEquals(2, c.database());
        assertEquals("rediss://app:***@cache.acme.com:6380/2", c.redacted());
        assertFalse(c.toString().contains("pa55"), "a password is never printed: " + c);
    }

    @Test
    void aSecretSignsTheNamespacesMessagesAndIsNeverPrinted() {
        YamlReader y = Nodes.reader();
        AgentSettings a = new AgentReader(y).agent(Nodes.of(
                "cluster: {redis: \"redis://cache:6379\", namespace: shop, secret: \"a-long-enough-secret\"}"));
        assertEquals("a-long-enough-secret", a.cluster().secret());
        assertFalse(a.cluster().toString().contains("a-long-enough"), a.cluster().toString());
        YamlReader shortOne = Nodes.reader();
        new AgentReader(shortOne).agent(Nodes.of("cluster: {redis: \"redis://cache:6379\", secret: \"short\"}"));
        assertTrue(shortOne.problems().toString().contains("agent.cluster.secret is too short"),
                shortOne.problems().toString());
    }

    @Test
    void aBadRedisAddressIsOneClearProblemThatNeverRepeatsThePassword() {
        YamlReader y = Nodes.reader();
        new AgentReader(y).agent(Nodes.of("cluster: {redis: \"http://u:secret@host\", namespace: \"a b\"}"));
        String problems = y.problems().toString();
        assertEquals(2, y.problems().size(), problems);
        assertTrue(problems.contains("agent.cluster.redis must start with redis:// or rediss:// (TLS)"), problems);
        assertTrue(problems.contains("agent.cluster.namespace 'a b' may only use"), problems);
        assertFalse(problems.contains("secret"), problems);
    }

    @Test
    void anEmptyTokenIsAProblem() {
        YamlReader y = Nodes.reader();
        new AgentReader(y).agent(Nodes.of("http: {token: \" \"}"));
        assertTrue(y.problems().get(0).message().startsWith("agent.http.token is empty"));
    }
}
