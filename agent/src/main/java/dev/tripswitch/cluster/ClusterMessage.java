package dev.tripswitch.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One change of a breaker, as the JVMs of a namespace tell each other through Redis:
 * {@code OPEN} (tripped, for the time it has left), {@code FORCED_OPEN} (by an operator),
 * {@code CLOSED} (reset by an operator, or its trial calls succeeded). Fields are separated by
 * the ASCII unit separator, which no breaker name and no sensible key contains; the key is
 * last, so it may contain anything else.
 *
 * <p>What arrives is bounded like local input: a message longer than {@link #MAX_LENGTH}, a key
 * longer than {@link #MAX_KEY}, or a negative time is malformed; a reason is cut to
 * {@link #MAX_REASON} characters of printable text. With the namespace's secret each message is
 * signed (HMAC-SHA256 over its text, {@code S<hex>} in front) and one without a valid signature
 * is not accepted.
 *
 * @param kind            what happened
 * @param origin          the JVM it happened in ({@code pid@host/random})
 * @param remainingMillis for OPEN: how long the breaker stays open
 * @param breaker         the rule's name
 * @param key             the breaker's key, or null for a rule without keys
 * @param reason          why, as the origin's transition said
 */
final class ClusterMessage {
    private final Kind kind;
    private final String origin;
    private final long remainingMillis;
    private final String breaker;
    private final String key;
    private final String reason;

    ClusterMessage(Kind kind, String origin, long remainingMillis, String breaker, String key, String reason) {
        this.kind = kind;
        this.origin = origin;
        this.remainingMillis = remainingMillis;
        this.breaker = breaker;
        this.key = key;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    public String origin() {
        return origin;
    }

    public long remainingMillis() {
        return remainingMillis;
    }

    public String breaker() {
        return breaker;
    }

    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }

    enum Kind { OPEN, FORCED_OPEN, CLOSED }

    /** Why a text was not accepted as a message. */
    enum Refusal { MALFORMED, UNSIGNED, BAD_SIGNATURE }

    static final int MAX_LENGTH = 4096;
    static final int MAX_KEY = 512;
    static final int MAX_REASON = 200;
    private static final char SEP = '\u001f';
    private static final String VERSION = "1";
    private static final int SIGNATURE_HEX = 64;

    /** The message as sent: signed with {@code secret} when there is one. */
    String encode(String secret) {
        String text = VERSION + SEP + kind + SEP + origin + SEP + remainingMillis + SEP + breaker + SEP
                + printable(reason) + SEP + (key == null ? "N" : "K" + key);
        return secret == null ? text : "S" + hmac(secret, text) + SEP + text;
    }

    /**
     * What a received text says: a {@link ClusterMessage}, or the {@link Refusal} why it is not
     * one (a newer agent's version is malformed here too).
     */
    static Object decode(String text, String secret) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Refusal.MALFORMED;
        }
        String body = text;
        if (text.startsWith("S")) {
            if (text.length() < SIGNATURE_HEX + 2 || text.charAt(SIGNATURE_HEX + 1) != SEP) {
                return Refusal.MALFORMED;
            }
            body = text.substring(SIGNATURE_HEX + 2);
            if (secret != null && !MessageDigest.isEqual(hmac(secret, body).getBytes(StandardCharsets.US_ASCII),
                    text.substring(1, SIGNATURE_HEX + 1).getBytes(StandardCharsets.US_ASCII))) {
                return Refusal.BAD_SIGNATURE;
            }
        } else if (secret != null) {
            return Refusal.UNSIGNED;
        }
        String[] f = body.split(String.valueOf(SEP), 7);
        if (f.length != 7 || !f[0].equals(VERSION) || f[6].isEmpty() || f[6].length() > MAX_KEY + 1) {
            return Refusal.MALFORMED;
        }
        try {
            long remaining = Long.parseLong(f[3]);
            if (remaining < -1 || f[2].isEmpty() || f[4].isEmpty()) {
                return Refusal.MALFORMED; // -1 is what a FORCED_OPEN breaker says of its time: until a reset
            }
            return new ClusterMessage(Kind.valueOf(f[1]), f[2], Math.max(0, remaining), f[4],
                    f[6].charAt(0) == 'K' ? f[6].substring(1) : null, printable(f[5]));
        } catch (IllegalArgumentException e) {
            return Refusal.MALFORMED;
        }
    }

    /** At most {@link #MAX_REASON} characters, control characters (the separator, new lines) as spaces. */
    static String printable(String reason) {
        String cut = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return hex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ClusterMessage)) {
            return false;
        }
        ClusterMessage other = (ClusterMessage) o;
        return java.util.Objects.equals(kind, other.kind)
            && java.util.Objects.equals(origin, other.origin)
            && remainingMillis == other.remainingMillis
            && java.util.Objects.equals(breaker, other.breaker)
            && java.util.Objects.equals(key, other.key)
            && java.util.Objects.equals(reason, other.reason);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, origin, remainingMillis, breaker, key, reason);
    }

    @Override
    public String toString() {
        return "ClusterMessage[kind=" + kind + ", origin=" + origin + ", remainingMillis=" + remainingMillis + ", breaker=" + breaker + ", key=" + key + ", reason=" + reason + "]";
    }

    /** Lower-case hex, two digits a byte (what {@code HexFormat}, Java 17, writes). */
    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = Character.forDigit((bytes[i] >> 4) & 0xf, 16);
            out[2 * i + 1] = Character.forDigit(bytes[i] & 0xf, 16);
        }
        return new String(out);
    }
}
