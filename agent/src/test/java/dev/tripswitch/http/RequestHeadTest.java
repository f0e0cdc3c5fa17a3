package dev.tripswitch.http;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Request heads as curl, Prometheus and browsers send them; anything else is not HTTP. */
class RequestHeadTest {

    @Test
    void aHeadEndsAtTheBlankLine() {
        byte[] b = "GET /health HTTP/1.1\r\nHost: x\r\n\r\nbody".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(33, RequestHead.end(b, b.length));
        assertEquals(-1, RequestHead.end(b, 20), "incomplete");
    }

    @Test
    void methodPathQueryAndHeaders() {
        byte[] b = "POST /breakers/a/reset?x=1 HTTP/1.1\r\nAuthorization: Bearer t\r\nHost: h\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpExchange.Request r = RequestHead.parse(b, RequestHead.end(b, b.length));
        assertEquals("POST", r.method());
        assertEquals("/breakers/a/reset", r.path());
        assertEquals("x=1", r.rawQuery());
        assertEquals("Bearer t", r.header("authorization"));
    }

    /** RFC 9112 lets a recipient take a bare LF as a line end: such a client gets an answer, not a wait. */
    @Test
    void bareLineFeedsEndAHeadToo() {
        byte[] b = "GET /health HTTP/1.1\nHost: localhost\n\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(b.length, RequestHead.end(b, b.length));
        HttpExchange.Request r = RequestHead.parse(b, RequestHead.end(b, b.length));
        assertEquals("/health", r.path());
        assertEquals("localhost", r.header("Host"));
        byte[] mixed = "GET / HTTP/1.1\r\nHost: a\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(mixed.length, RequestHead.end(mixed, mixed.length));
        byte[] one = "GET / HTTP/1.1\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(-1, RequestHead.end(one, one.length), "one line is not a head yet");
    }

    @Test
    void notHttpIsNull() {
        byte[] b = "HELLO\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(RequestHead.parse(b, b.length));
    }
}
