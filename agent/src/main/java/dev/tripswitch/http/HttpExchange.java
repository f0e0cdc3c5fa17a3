package dev.tripswitch.http;

import java.util.Map;

/**
 * One request of the status endpoint, and the answer to it: the little of HTTP/1.1 the
 * endpoint needs (no bodies in, one body out, the connection closed after each answer).
 */
final class HttpExchange {
    private HttpExchange() {
    }

    /** A request head: method, path, raw query (or null), headers by lower-case name. */
    record Request(String method, String path, String rawQuery, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * An answer: status, content type, body, and the Content-Security-Policy it is served with
     * (nothing at all may load or frame it, unless it says otherwise: the live page).
     */
    record Response(int status, String contentType, byte[] body, String contentSecurityPolicy) {
        static final String NOTHING_LOADS = "default-src 'none'; frame-ancestors 'none'";

        Response(int status, String contentType, byte[] body) {
            this(status, contentType, body, NOTHING_LOADS);
        }

        static Response of(int status, String contentType, String body) {
            return new Response(status, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static Response json(int status, String body) {
            return of(status, "application/json", body);
        }
    }
}
