package dev.tripswitch.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Parses a request head (request line and headers, up to the blank line) read from a connection. */
final class RequestHead {
    private RequestHead() {
    }

    /**
     * The length of the head ending at the first blank line of {@code bytes[0, length)}, or -1
     * while incomplete. Lines may end in CRLF or, as RFC 9112 lets a recipient accept, a bare LF.
     */
    static int end(byte[] bytes, int length) {
        for (int i = 1; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            int before = i - 1;
            if (bytes[before] == '\r') {
                before--;
            }
            if (before >= 0 && bytes[before] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The request, or null when the head is not HTTP. */
    static HttpExchange.Request parse(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            return null;
        }
        String target = requestLine[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new HttpExchange.Request(requestLine[0], path, query, headers);
    }
}
