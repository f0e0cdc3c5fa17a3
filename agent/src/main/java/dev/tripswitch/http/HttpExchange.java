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
    static final class Request {
        private final String method;
        private final String path;
        private final String rawQuery;
        private final Map<String, String> headers;

        Request(String method, String path, String rawQuery, Map<String, String> headers) {
            this.method = method;
            this.path = path;
            this.rawQuery = rawQuery;
            this.headers = headers;
        }

        public String method() {
            return method;
        }

        public String path() {
            return path;
        }

        public String rawQuery() {
            return rawQuery;
        }

        public Map<String, String> headers() {
            return headers;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Request)) {
                return false;
            }
            Request other = (Request) o;
            return java.util.Objects.equals(method, other.method)
                && java.util.Objects.equals(path, other.path)
                && java.util.Objects.equals(rawQuery, other.rawQuery)
                && java.util.Objects.equals(headers, other.headers);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(method, path, rawQuery, headers);
        }

        @Override
        public String toString() {
            return "Request[method=" + method + ", path=" + path + ", rawQuery=" + rawQuery + ", headers=" + headers + "]";
        }
    }

    /**
     * An answer: status, content type, body, and the Content-Security-Policy it is served with
     * (nothing at all may load or frame it, unless it says otherwise: the live page).
     */
    static final class Response {
        private final int status;
        private final String contentType;
        private final byte[] body;
        private final String contentSecurityPolicy;

        Response(int status, String contentType, byte[] body, String contentSecurityPolicy) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
            this.contentSecurityPolicy = contentSecurityPolicy;
        }

        public int status() {
            return status;
        }

        public String contentType() {
            return contentType;
        }

        public byte[] body() {
            return body;
        }

        public String contentSecurityPolicy() {
            return contentSecurityPolicy;
        }

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

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Response)) {
                return false;
            }
            Response other = (Response) o;
            return status == other.status
                && java.util.Objects.equals(contentType, other.contentType)
                && java.util.Objects.equals(body, other.body)
                && java.util.Objects.equals(contentSecurityPolicy, other.contentSecurityPolicy);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(status, contentType, body, contentSecurityPolicy);
        }

        @Override
        public String toString() {
            return "Response[status=" + status + ", contentType=" + contentType + ", body=" + body + ", contentSecurityPolicy=" + contentSecurityPolicy + "]";
        }
    }
}
