package dev.tripswitch.rules;

/**
 * {@code agent.http}: the optional status endpoint. Absent, no socket is opened.
 *
 * @param port  the TCP port (0 picks a free one)
 * @param bind  the address to listen on; loopback unless an operator says otherwise
 * @param token the bearer token POST operations need, or null (then they answer 403)
 */
public final class HttpSettings {
    private final int port;
    private final String bind;
    private final String token;

    public HttpSettings(int port, String bind, String token) {
        this.port = port;
        this.bind = bind;
        this.token = token;
    }

    public int port() {
        return port;
    }

    public String bind() {
        return bind;
    }

    public String token() {
        return token;
    }

    public static final int DEFAULT_PORT = 9464;
    public static final String DEFAULT_BIND = "127.0.0.1";

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof HttpSettings)) {
            return false;
        }
        HttpSettings other = (HttpSettings) o;
        return port == other.port
            && java.util.Objects.equals(bind, other.bind)
            && java.util.Objects.equals(token, other.token);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(port, bind, token);
    }

    @Override
    public String toString() {
        return "HttpSettings[port=" + port + ", bind=" + bind + ", token=" + token + "]";
    }
}
