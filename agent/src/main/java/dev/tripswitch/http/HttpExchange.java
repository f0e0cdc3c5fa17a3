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

    /** An answer: status, content type and body. */
    record Response(int status, String contentType, byte[] body) {
        static Response of(int status, String contentType, String body) {
            return new Response(status, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static Response json(int status, String body) {
            return of(status, "application/json", body);
        }
    }
}
