package dev.tripswitch.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the JVMs of a namespace tell each other survives the trip through Redis, keys of any shape included. */
class ClusterMessageTest {
    @Test
    void aMessageReadsBackAsItWasWritten() {
        for (String key : new String[] {null, "", "api.acme.com:443", "a|b\u001fc", "-"}) {
            ClusterMessage m = new ClusterMessage(ClusterMessage.Kind.OPEN, "42@host/beef", 29_500, "payments", key,
                    "failure rate 100% >= 50% over 2 calls");
            ClusterMessage back = ClusterMessage.decode(m.encode());
            if (key != null && key.indexOf('\u001f') >= 0) {
                assertEquals(key, back.key(), "the key is last: even the separator survives");
            }
            assertEquals(m, back);
        }
    }

    @Test
    void aMessageOfANewerVersionOrGarbageIsIgnored() {
        assertNull(ClusterMessage.decode("2\u001fOPEN\u001fx\u001f1\u001fp\u001fr\u001fN"));
        assertNull(ClusterMessage.decode("hello"));
        assertNull(ClusterMessage.decode("1\u001fREOPEN\u001fx\u001f1\u001fp\u001fr\u001fN"));
    }
}
