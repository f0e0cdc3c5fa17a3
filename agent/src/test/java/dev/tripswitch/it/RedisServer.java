package dev.tripswitch.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free
 * loopback port, its working directory a fresh temp directory, nothing persisted. It can be
 * killed and started again on the same port, as an outage looks to its clients.
 */
final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String password;
    /** With TLS: the trust store (PKCS12, password {@code changeit}) a client needs for the server's certificate. */
    private Path trustStore;
    private Process process;

    private RedisServer(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    /** The redis-server binary, or null when it is not installed. */
    static Path binary() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "redis-server"))) {
                return Path.of(d, "redis-server");
            }
        }
        return Files.isExecutable(Path.of("/usr/bin/redis-server")) ? Path.of("/usr/bin/redis-server") : null;
    }

    /** @param password {@code requirepass}, or null for none */
    static RedisServer start(String password) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RedisServer server = new RedisServer(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-"), port, password);
        server.startAgain();
        return server;
    }

    /**
     * A server that speaks only TLS, with a certificate made for 127.0.0.1 here ({@code openssl}),
     * and a trust store holding it for the clients ({@code keytool}).
     */
    static RedisServer startTls() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RedisServer server = new RedisServer(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-tls-"), port, null);
        Path dir = server.dir;
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "redis.key", "-out", "redis.crt");
        run(dir, "keytool", "-importcert", "-noprompt", "-alias", "redis", "-file", "redis.crt", "-keystore",
                "trust.p12", "-storetype", "PKCS12", "-storepass", "changeit");
        server.trustStore = dir.resolve("trust.p12");
        server.startAgain();
        return server;
    }

    /** The JVM options a client needs to trust this server's certificate. */
    List<String> trustOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("setup.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(dir.resolve("setup.log")));
        }
    }

    /** A server on {@code port} (one the test chose, where nothing listened before). */
    static RedisServer onPort(int port) throws Exception {
        RedisServer server = new RedisServer(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-"), port, null);
        server.startAgain();
        return server;
    }

    int port() {
        return port;
    }

    String url() {
        return (trustStore != null ? "rediss://" : "redis://") + (password == null ? "" : ":" + password + "@")
                + "127.0.0.1:" + port;
    }

    void startAgain() throws Exception {
        Path bin = binary();
        if (bin == null) {
            throw new IllegalStateException("redis-server is not installed (Debian: apt-get install redis-server;"
                    + " .ci/run installs it)");
        }
        List<String> command = new ArrayList<>(List.of(bin.toString(), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no"));
        if (trustStore != null) {
            command.addAll(List.of("--port", "0", "--tls-port", String.valueOf(port), "--tls-cert-file",
                    dir.resolve("redis.crt").toString(), "--tls-key-file", dir.resolve("redis.key").toString(),
                    "--tls-ca-cert-file", dir.resolve("redis.crt").toString(), "--tls-auth-clients", "no"));
        } else {
            command.addAll(List.of("--port", String.valueOf(port)));
        }
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        ChildJvm.await("redis-server to listen on " + port, () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** {@code host:port} as a breaker keyed by {@code host} names this server. */
    String hostKey() {
        return "127.0.0.1:" + port;
    }

    /** Stops the server without closing its connections (SIGSTOP): a stall, as a Redis stuck on a slow disk or in a long script looks. */
    void pause() throws Exception {
        signal("STOP");
    }

    /** Lets a paused server run again (SIGCONT). */
    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        if (!process.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    /** Kills the server at once, as a crash would. */
    void kill() throws Exception {
        resume(); // a paused server is killed all the same
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        kill();
        Env.deleteTree(dir);
    }
}
