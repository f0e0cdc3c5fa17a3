package dev.tripswitch.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * An application JVM started as a user starts it ({@code java -javaagent:...}), driven one
 * command per line over standard input, read over JMX the way JConsole connects (the
 * Attach API starts the local management agent). Every wait has a deadline.
 */
public final class ChildJvm implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final PrintWriter stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final List<String> command;
    private JMXConnector jmx;

    private ChildJvm(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    /** Starts {@code mainClass} on {@code jdk} with the agent and the given agent argument (null: none). */
    public static ChildJvm start(Jdk jdk, String agentArgument, String mainClass, List<String> extraClassPath,
                                 List<String> jvmOptions) throws IOException {
        return start(jdk, agentArgument, mainClass, extraClassPath, jvmOptions, java.util.Map.of());
    }

    /** As above, with extra environment variables for the child. */
    public static ChildJvm start(Jdk jdk, String agentArgument, String mainClass, List<String> extraClassPath,
                                 List<String> jvmOptions, java.util.Map<String, String> environment)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java().toString());
        cmd.add("-Xshare:auto");
        if (agentArgument != null) {
            cmd.add("-javaagent:" + Env.agentJar() + (agentArgument.isEmpty() ? "" : "=" + agentArgument));
        }
        cmd.add("-Dtripswitch.jmx.delay=0");
        // verify the JDK's own classes too (the JVM skips it by default): woven HttpClient and
        // HttpURLConnection code must pass the verifier like everything else
        cmd.add("-XX:+UnlockDiagnosticVMOptions");
        cmd.add("-XX:+BytecodeVerificationLocal");
        cmd.addAll(jvmOptions);
        List<String> cp = new ArrayList<>(extraClassPath);
        cp.add(0, Env.testClasses().toString());
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator, cp));
        cmd.add(mainClass);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("TRIPSWITCH_RULES");
        pb.environment().putAll(environment);
        return new ChildJvm(cmd, pb.start());
    }

    /** Starts an application as its users do, {@code java -javaagent:... -jar app.jar args}. */
    public static ChildJvm startJar(Jdk jdk, String agentArgument, Path jar, List<String> jvmOptions, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java().toString());
        if (agentArgument != null) {
            cmd.add("-javaagent:" + Env.agentJar() + (agentArgument.isEmpty() ? "" : "=" + agentArgument));
        }
        cmd.add("-Dtripswitch.jmx.delay=0");
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("TRIPSWITCH_RULES");
        return new ChildJvm(cmd, pb.start());
    }

    /** The application's standard output so far, for one that is driven over HTTP rather than by commands. */
    public String stdout() {
        return String.join("\n", stdout);
    }

    public static ChildJvm start(Jdk jdk, Path rules) throws IOException {
        return start(jdk, rules.toString(), "com.acme.TargetApp", List.of(), List.of());
    }

    private void pump(BufferedReader reader, boolean out) {
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (out) {
                        stdout.add(line);
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "child-" + (out ? "stdout" : "stderr"));
        t.setDaemon(true);
        t.start();
    }

    /** The next line the application prints, within the deadline. */
    public String readLine() throws InterruptedException {
        String line = stdout.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no answer within " + TIMEOUT + " from " + command + "\nstderr:\n" + stderr);
        }
        return line;
    }

    /** Sends one command and returns the application's answer. */
    public String send(String command) throws InterruptedException {
        stdin.println(command);
        return readLine();
    }

    /** Waits for the application's "ready" line. */
    public ChildJvm awaitReady() throws InterruptedException {
        String line = readLine();
        if (!line.equals("ready")) {
            throw new AssertionError("expected ready, got " + line + "\nstderr:\n" + stderr);
        }
        return this;
    }

    public String stderr() {
        return stderr.toString();
    }

    /**
     * Waits until the application has written {@code part} to standard error. Its stderr is
     * read by another thread, so a line written before an answer on stdout may arrive after it.
     */
    public void awaitStderr(String part) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!stderr.toString().contains(part)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected on stderr: " + part + "\nstderr:\n" + stderr);
            }
            Thread.sleep(20);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end and returns its exit status. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the JVM did not exit within " + TIMEOUT + "\nstderr:\n" + stderr);
        }
        return process.exitValue();
    }

    /** A JMX connection to the application, as JConsole makes one. */
    public MBeanServerConnection jmx() throws Exception {
        if (jmx == null) {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid()));
            try {
                String address = vm.startLocalManagementAgent();
                jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
            } finally {
                vm.detach();
            }
        }
        return jmx.getMBeanServerConnection();
    }

    /** Waits until {@code condition} holds, checking every 20 ms, failing with {@code what} at the deadline. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        try {
            if (jmx != null) {
                jmx.close();
            }
        } catch (IOException e) {
            // the process may be gone already
        }
        process.destroyForcibly();
    }
}
