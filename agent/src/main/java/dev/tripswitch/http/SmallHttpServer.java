package dev.tripswitch.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The endpoint's HTTP server: one selector thread reads request heads and writes answers
 * without blocking, and a small bounded pool builds the answers. A client that sends a byte
 * a second (slowloris) holds a buffer, never a thread: every head must arrive within
 * {@link #HEAD_TIMEOUT_MILLIS} and every answer leave within {@link #WRITE_TIMEOUT_MILLIS},
 * and past {@link #MAX_CONNECTIONS} the slowest connection still sending its head is closed
 * to make room, so {@code /health} stays answerable. One request per connection.
 */
final class SmallHttpServer {
    static final int MAX_CONNECTIONS = 64;
    static final int MAX_HEAD_BYTES = 8192;
    static final long HEAD_TIMEOUT_MILLIS = 5_000;
    static final long WRITE_TIMEOUT_MILLIS = 10_000;
    private static final int WORKERS = 2;
    private static final int QUEUED = 32;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Function<HttpExchange.Request, HttpExchange.Response> handler;
    private final ThreadPoolExecutor workers;
    private final Queue<Runnable> toSelector = new ConcurrentLinkedQueue<>();
    /** Connections still sending their head, oldest first. */
    private final Deque<Connection> reading = new ArrayDeque<>();
    private int open;
    private volatile boolean running = true;

    private final class Connection {
        final SocketChannel channel;
        final long deadline;
        byte[] head = new byte[1024];
        int length;
        ByteBuffer answer;
        long writeDeadline;

        Connection(SocketChannel channel, long now) {
            this.channel = channel;
            this.deadline = now + HEAD_TIMEOUT_MILLIS;
        }
    }

    SmallHttpServer(InetSocketAddress address, Function<HttpExchange.Request, HttpExchange.Response> handler)
            throws IOException {
        this.handler = handler;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.bind(address, 64);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUED), r -> daemon(r, "tripswitch-http-worker"));
        daemon(this::loop, "tripswitch-http").start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    void stop() {
        running = false;
        selector.wakeup();
        workers.shutdownNow();
    }

    private void loop() {
        try {
            while (running) {
                selector.select(250);
                Runnable task;
                while ((task = toSelector.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        if (key.isAcceptable()) {
                            accept();
                        } else if (key.isReadable()) {
                            read(key, (Connection) key.attachment());
                        } else if (key.isWritable()) {
                            write(key, (Connection) key.attachment());
                        }
                    } catch (CancelledKeyException e) {
                        // closed meanwhile
                    }
                }
                expire(System.currentTimeMillis());
            }
        } catch (IOException | RuntimeException e) {
            // the endpoint stops; the breakers work on and JMX still shows them
        } finally {
            closeAll();
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            if (open >= MAX_CONNECTIONS && !reading.isEmpty()) {
                close(reading.pollFirst()); // the slowest head makes room
            }
            if (open >= MAX_CONNECTIONS) {
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connection c = new Connection(channel, System.currentTimeMillis());
            channel.register(selector, SelectionKey.OP_READ, c);
            reading.addLast(c);
            open++;
        }
    }

    private void read(SelectionKey key, Connection c) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(c.head, c.length, c.head.length - c.length);
        int n;
        try {
            n = c.channel.read(buffer);
        } catch (IOException e) {
            close(c);
            return;
        }
        if (n < 0) {
            close(c);
            return;
        }
        c.length += n;
        int end = RequestHead.end(c.head, c.length);
        if (end < 0) {
            if (c.length == c.head.length) {
                if (c.head.length >= MAX_HEAD_BYTES) {
                    answer(key, c, HttpExchange.Response.json(431, "{\"error\":\"request head too large\"}"));
                    return;
                }
                c.head = java.util.Arrays.copyOf(c.head, Math.min(MAX_HEAD_BYTES, c.head.length * 2));
            }
            return;
        }
        reading.remove(c);
        key.interestOps(0);
        HttpExchange.Request request = RequestHead.parse(c.head, end);
        if (request == null) {
            answer(key, c, HttpExchange.Response.json(400, "{\"error\":\"not an HTTP/1 request\"}"));
            return;
        }
        try {
            workers.execute(() -> {
                HttpExchange.Response response;
                try {
                    response = handler.apply(request);
                } catch (RuntimeException e) {
                    response = HttpExchange.Response.json(500, "{\"error\":" + Json.string(String.valueOf(e)) + "}");
                }
                HttpExchange.Response done = response;
                toSelector.add(() -> answer(key, c, done, request.method().equals("HEAD")));
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            answer(key, c, HttpExchange.Response.json(503, "{\"error\":\"busy, try again\"}"));
        }
    }

    private void answer(SelectionKey key, Connection c, HttpExchange.Response response) {
        answer(key, c, response, false);
    }

    /**
     * Queues the answer on the connection and starts writing it; a HEAD answer carries the
     * GET's {@code Content-Length} and no body.
     */
    private void answer(SelectionKey key, Connection c, HttpExchange.Response response, boolean headOnly) {
        reading.remove(c);
        byte[] full = response.body() == null ? new byte[0] : response.body();
        byte[] body = headOnly ? new byte[0] : full;
        String head = "HTTP/1.1 " + response.status() + " " + reason(response.status()) + "\r\n"
                + "Content-Type: " + response.contentType() + "\r\n"
                + "Content-Length: " + full.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "Content-Security-Policy: " + response.contentSecurityPolicy() + "\r\n"
                + "X-Frame-Options: DENY\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "Connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer all = ByteBuffer.allocate(h.length + body.length);
        all.put(h).put(body).flip();
        c.answer = all;
        c.writeDeadline = System.currentTimeMillis() + WRITE_TIMEOUT_MILLIS;
        try {
            key.interestOps(SelectionKey.OP_WRITE);
            write(key, c);
        } catch (CancelledKeyException | IOException e) {
            close(c);
        }
    }

    private void write(SelectionKey key, Connection c) throws IOException {
        try {
            c.channel.write(c.answer);
        } catch (IOException e) {
            close(c);
            return;
        }
        if (!c.answer.hasRemaining()) {
            close(c);
        }
    }

    /** Closes connections whose head or answer is overdue. */
    private void expire(long now) {
        while (!reading.isEmpty() && reading.peekFirst().deadline < now) {
            close(reading.pollFirst());
        }
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection && ((Connection) key.attachment()).answer != null && ((Connection) key.attachment()).writeDeadline < now) {
                Connection c = (Connection) key.attachment();
                close(c);
            }
        }
    }

    private void close(Connection c) {
        if (c == null || !c.channel.isOpen()) {
            return;
        }
        reading.remove(c);
        try {
            c.channel.close();
        } catch (IOException e) {
            // closed either way
        }
        open--;
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection) {
                Connection c = (Connection) key.attachment();
                close(c);
            }
        }
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }

    private static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 421:
                return "Misdirected Request";
            case 431:
                return "Request Header Fields Too Large";
            case 500:
                return "Internal Server Error";
            case 503:
                return "Service Unavailable";
            default:
                return "Status";
        }
    }
}
