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
 * A real PostgreSQL server on a free loopback port, with its data directory in a fresh
 * temporary directory of its own, that tests stop and start again. PostgreSQL refuses to
 * run as root, so as root it runs as the {@code postgres} user, which may not be able to
 * enter the checkout (a 0700 home or temporary directory): the data never goes there.
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

    /**
     * The directory of initdb and pg_ctl, for a test that needs PostgreSQL: without it, the test
     * fails in CI ({@code CI=true}, where .ci/run installs it) and is skipped on a developer's machine.
     */
    static Path required() throws IOException {
        Path bin = binaries();
        if (bin == null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("PostgreSQL is not installed, and CI must run these tests: .ci/run installs it");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(bin != null,
                "PostgreSQL is not installed (apt-get install postgresql): skipped outside CI");
        return bin;
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
        Path data = Files.createTempDirectory(reachableTemp(), "tripswitch-pgdata-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, data, port, root);
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", data.toString()), true);
        }
        server.pg(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync"));
        server.startAgain();
        return server;
    }

    /**
     * A directory every user can pass through: {@code /tmp} (world-writable and sticky on every
     * Unix), else the JVM's temporary directory.
     */
    private static Path reachableTemp() throws IOException {
        Path tmp = Path.of("/tmp");
        if (Files.isDirectory(tmp) && Files.getPosixFilePermissions(tmp)
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
            return tmp;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
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
        try {
            Env.deleteTree(data);
        } catch (IOException e) {
            // a temporary directory: the system clears it
        }
    }
}
