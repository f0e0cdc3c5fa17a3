package dev.tripswitch.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on a free loopback port, with its data directory under
 * {@code target/}, that tests stop and start again. PostgreSQL refuses to run as root,
 * so as root it runs as the {@code postgres} user.
 */
final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean root;

    private PostgresServer(Path bin, Path data, int port, boolean root) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.root = root;
    }

    /** The directory of initdb and pg_ctl, or null when PostgreSQL is not installed. */
    static Path binaries() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                Path found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .sorted().reduce((a, b) -> b).orElse(null);
                if (found != null) {
                    return found;
                }
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Path.of(dir);
            }
        }
        return null;
    }

    static PostgresServer start(Path bin) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pgdata-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, data, port, root);
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", data.toString()), false);
            run(List.of("chmod", "o+x", data.getParent().toString()), false);
        }
        server.pg(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync"));
        server.startAgain();
        return server;
    }

    int port() {
        return port;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2&socketTimeout=5";
    }

    String hostKey() {
        return "127.0.0.1:" + port;
    }

    void startAgain() throws Exception {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", data.resolve("log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + data, "start"));
    }

    /** Stops the server at once: clients see connection refused. */
    void stop() throws Exception {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "immediate", "stop"));
    }

    private void pg(List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        run(cmd, true);
    }

    private static void run(List<String> cmd, boolean check) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        if (check && p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " failed (" + p.exitValue() + "):\n" + out);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            // already stopped
        }
    }
}
