package dev.tripswitch.log;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tripswitch.engine.State;
import dev.tripswitch.engine.Transition;
import dev.tripswitch.rules.LogLevel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A key or reason holding a newline cannot forge a log line of its own. */
class LogValueTest {

    @Test
    void plainTokensStayBareOthersAreQuotedAndEscaped() {
        assertEquals("api.acme.com:443", LogValue.of("api.acme.com:443"));
        assertEquals("\"a b\"", LogValue.of("a b"));
        assertEquals("\"x\\nINFO tripswitch breaker=fake\"", LogValue.of("x\nINFO tripswitch breaker=fake"));
        assertEquals("\"say \\\"hi\\\"\"", LogValue.of("say \"hi\""));
        assertEquals("\"\\u2028\"", LogValue.of("\u2028"));
        assertEquals("-", LogValue.of(null));
    }

    @Test
    void aTransitionLineIsOneLineWhateverItsKeyAndReason() {
        Transition t = new Transition("payments", "evil\n2026-01-01T00:00:00Z WARN tripswitch breaker=payments to=OPEN",
                State.CLOSED, State.OPEN, "trial failed: IOException: bad\r\nthings", 0, 3000);
        String line = TransitionLog.format(t);
        assertEquals(1, line.lines().count(), line);
        assertEquals("breaker=payments key=\"evil\\n2026-01-01T00:00:00Z WARN tripswitch breaker=payments to=OPEN\""
                + " from=CLOSED to=OPEN reason=\"trial failed: IOException: bad\\r\\nthings\" retryAfter=3000ms", line);
    }

    @Test
    void everyMessageOfTheAgentLogIsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AgentLog log = new AgentLog(null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        log.write(LogLevel.WARN, "key 'a\nb' cannot be read");
        log.always(List.of("first", "second\nforged"));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("second\\nforged", lines.get(2));
    }
}
