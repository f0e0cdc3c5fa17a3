package dev.tripswitch.rules;

/**
 * {@code agent.http}: the optional status endpoint. Absent, no socket is opened.
 *
 * @param port  the TCP port (0 picks a free one)
 * @param bind  the address to listen on; loopback unless an operator says otherwise
 * @param token the bearer token POST operations need, or null (then they answer 403)
 */
public record HttpSettings(int port, String bind, String token) {
    public static final int DEFAULT_PORT = 9464;
    public static final String DEFAULT_BIND = "127.0.0.1";
}
