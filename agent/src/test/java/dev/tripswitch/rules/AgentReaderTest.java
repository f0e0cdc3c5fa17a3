package dev.tripswitch.rules;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void absentHttpOpensNoSocketAndInactiveKeysAreNoticed() {
        YamlReader y = Nodes.reader();
        AgentSettings a = new AgentReader(y).agent(Nodes.of("chaos: true\ncluster: {redis: redis://x}"));
        assertNull(a.http());
        assertTrue(a.chaos(), "chaos is active");
        assertEquals(1, y.notices().size(), y.notices().toString());
        assertTrue(y.notices().get(0).message().startsWith("agent.cluster is not supported yet"));
    }

    @Test
    void anEmptyTokenIsAProblem() {
        YamlReader y = Nodes.reader();
        new AgentReader(y).agent(Nodes.of("http: {token: \" \"}"));
        assertTrue(y.problems().get(0).message().startsWith("agent.http.token is empty"));
    }
}
