package com.example.storefront;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the database, so that it can stall (every chunk delayed), fail
 * (connections broken) or go away (connections refused) while the database itself runs on.
 */
final class FaultProxy {
    /** How long each chunk waits while the database stalls: a statement then takes about a second. */
    static final int STALL_MILLIS = 250;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.HEALTHY;
    private volatile ServerSocket listener;

    FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = listener.getLocalPort();
        accept(listener);
    }

    int port() {
        return port;
    }

    synchronized void set(Mode next) throws IOException {
        if ((next == Mode.GONE || next == Mode.FAILING) && mode != next) {
            for (Socket s : open) {
                s.close();
            }
        }
        if (next == Mode.GONE && mode != Mode.GONE) {
            listener.close();
        } else if (next != Mode.GONE && mode == Mode.GONE) {
            listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            accept(listener);
        }
        mode = next;
    }

    private void accept(ServerSocket server) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (mode == Mode.FAILING) {
                        client.close();
                        continue;
                    }
                    Socket db = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    client.setTcpNoDelay(true);
                    db.setTcpNoDelay(true);
                    open.add(client);
                    open.add(db);
                    pump(client, db);
                    pump(db, client);
                } catch (IOException e) {
                    // closed
                }
            }
        }, "db-proxy");
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (mode == Mode.SLOW) {
                        Thread.sleep(STALL_MILLIS);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed
            } finally {
                close(from);
                close(to);
            }
        }, "db-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
