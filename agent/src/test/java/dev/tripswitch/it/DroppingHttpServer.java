package dev.tripswitch.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server whose next {@code n} requests fail after reaching it: the
 * connection is reset, before or in the middle of the response, so the client sees an
 * {@code IOException} (a backend crashing). It records the method of every request it read.
 */
final class DroppingHttpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger drops = new AtomicInteger();
    private volatile boolean midResponse;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    DroppingHttpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "dropping-http-server");
        t.setDaemon(true);
        t.start();
    }

    /** The next {@code n} requests get no response at all: the connection is reset once each is read. */
    void drop(int n) {
        midResponse = false;
        drops.set(n);
    }

    /**
     * The next {@code n} requests get the start of a response, then a reset: bytes arrived, so
     * no client takes it for a stale pooled connection and repeats it by itself (the JDK's
     * HttpClient silently repeats a GET once on a connection that answered nothing).
     */
    void cutOff(int n) {
        midResponse = true;
        drops.set(n);
    }

    /** The methods of the requests read so far, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    String hostKey() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    String url() {
        return "http://" + hostKey() + "/";
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> answer(s), "dropping-http-exchange");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answer(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.add(head.substring(0, head.indexOf(' ')));
                skipBody(in, head);
                OutputStream out = s.getOutputStream();
                if (drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    if (midResponse) {
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\nok"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    s.setSoLinger(true, 0);
                    return;
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** The request line and headers, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
                return b.toString();
            }
        }
        return null;
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
