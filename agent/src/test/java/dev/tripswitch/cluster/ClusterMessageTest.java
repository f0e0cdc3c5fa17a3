package dev.tripswitch.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the JVMs of a namespace tell each other survives the trip through Redis, keys of any shape
 * included; what arrives is bounded like local input, and with a secret only signed news counts.
 */
class ClusterMessageTest {
    private static final String SECRET = "0123456789abcdef-shared";

    @Test
    void aMessageReadsBackAsItWasWritten() {
        for (String secret : new String[] {null, SECRET}) {
            for (String key : new String[] {null, "", "api.acme.com:443", "a|b\u001fc", "-"}) {
                ClusterMessage m = new ClusterMessage(ClusterMessage.Kind.OPEN, "42@host/beef", 29_500, "payments", key,
                        "failure rate 100% >= 50% over 2 calls");
                Object back = ClusterMessage.decode(m.encode(secret), secret);
                assertEquals(m, back, "secret " + secret + ", key " + key);
            }
        }
    }

    @Test
    void aMessageOfANewerVersionOrGarbageIsMalformed() {
        assertEquals(ClusterMessage.Refusal.MALFORMED, ClusterMessage.decode("2\u001fOPEN\u001fx\u001f1\u001fp\u001fr\u001fN", null));
        assertEquals(ClusterMessage.Refusal.MALFORMED, ClusterMessage.decode("hello", null));
        assertEquals(ClusterMessage.Refusal.MALFORMED, ClusterMessage.decode("1\u001fREOPEN\u001fx\u001f1\u001fp\u001fr\u001fN", null));
        assertEquals(ClusterMessage.Refusal.MALFORMED, ClusterMessage.decode("1\u001fOPEN\u001fx\u001f-5\u001fp\u001fr\u001fN", null),
                "a negative open time");
        ClusterMessage forced = new ClusterMessage(ClusterMessage.Kind.FORCED_OPEN, "o", -1, "p", null, "by hand");
        assertEquals(0, ((ClusterMessage) ClusterMessage.decode(forced.encode(null), null)).remainingMillis(),
                "a forced open's 'until reset' (-1) reads as no time");
    }

    /** A forged message cannot write 20 MB into the log or create keys of any length. */
    @Test
    void whatArrivesIsBoundedLikeLocalInput() {
        String huge = "1\u001fOPEN\u001fo\u001f1\u001fpayments\u001f" + "x".repeat(20_000_000) + "\u001fN";
        assertEquals(ClusterMessage.Refusal.MALFORMED, ClusterMessage.decode(huge, null), "past the length bound");
        assertTrue(new ClusterMessage(ClusterMessage.Kind.OPEN, "o", 1, "payments", null, "x".repeat(20_000_000))
                .encode(null).length() < ClusterMessage.MAX_LENGTH, "what this JVM sends is cut before it leaves");
        ClusterMessage longReason = (ClusterMessage) ClusterMessage.decode("1\u001fOPEN\u001fo\u001f5\u001fpayments\u001f"
                + "r".repeat(1000) + "\u001fN", null);
        assertTrue(longReason.reason().length() <= ClusterMessage.MAX_REASON + 3, "the reason is cut");
        assertEquals(ClusterMessage.Refusal.MALFORMED, ClusterMessage.decode("1\u001fOPEN\u001fo\u001f5\u001fpayments\u001fr\u001fK"
                + "k".repeat(ClusterMessage.MAX_KEY + 1), null), "a key past its bound");
        ClusterMessage lines = (ClusterMessage) ClusterMessage.decode("1\u001fOPEN\u001fo\u001f5\u001fpayments\u001fa\nb\rc\u001fN",
                null);
        assertEquals("a b c", lines.reason(), "no line of the log is forged");
    }

    @Test
    void withASecretUnsignedAndWronglySignedNewsIsRefused() {
        ClusterMessage m = new ClusterMessage(ClusterMessage.Kind.OPEN, "o", 1_000, "payments", "k", "down");
        assertEquals(ClusterMessage.Refusal.UNSIGNED, ClusterMessage.decode(m.encode(null), SECRET));
        assertEquals(ClusterMessage.Refusal.BAD_SIGNATURE, ClusterMessage.decode(m.encode("another-secret-16chars"), SECRET));
        String signed = m.encode(SECRET);
        String tampered = signed.replace("1000", "9999999");
        assertEquals(ClusterMessage.Refusal.BAD_SIGNATURE, ClusterMessage.decode(tampered, SECRET), "a changed field");
        assertEquals(m, ClusterMessage.decode(signed, null), "a JVM without the secret still reads signed news");
    }
}
