package dev.tripswitch.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.management.MBeanServerConnection;

import com.sun.tools.attach.VirtualMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code match:} reaches: globs, an interface's implementations, one overload by
 * {@code params}; classes loaded before the agent (attached later, they are
 * retransformed); and another agent retransforming a woven class keeps our advice.
 */
class MatchingIT {
    /** One breaker on TargetApp's PaymentsClient#charge that trips after two failed calls (other ITs use it too). */
    static final String PAYMENTS = """
            version: 1
            defaults: {minimumCalls: 2, window: {type: count, size: 10}}
            breakers:
              - name: payments
                match: {type: com.acme.PaymentsClient, methods: [charge]}
            """;

    /** A matched method returning a promise the agent cannot follow is left unguarded and said so, not judged at return. */
    /** {@code -Dtripswitch.dump=DIR} writes each woven class as it was defined, for javap. */
    @Test
    void wovenClassesAreDumpedWhenAsked() throws Exception {
        Path dump = Files.createTempDirectory(Path.of("target"), "dump-").toAbsolutePath();
        Path rules = Env.rules("""
                version: 1
                breakers:
                  - name: payments
                    match: {type: com.acme.PaymentsClient, methods: [charge]}
                """);
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", List.of(),
                List.of("-Dtripswitch.dump=" + dump)).awaitReady()) {
            assertEquals("ok charged a 1", app.send("charge a 1"));
            Path woven = dump.resolve("com/acme/PaymentsClient.class");
            assertTrue(Files.isRegularFile(woven), "dumped: " + woven);
            String text = new String(Files.readAllBytes(woven), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("dev/tripswitch/bridge/Dispatcher"), "as woven, calling the bridge");
            assertTrue(!Files.exists(dump.resolve("com/acme/TargetApp.class")), "only woven classes");
        }
    }

    @Test
    void aMethodReturningAnUnfollowedPromiseIsReportedNotJudged() throws Exception {
        Path rules = Env.rules("""
                version: 1
                defaults: {minimumCalls: 2, window: {type: count, size: 10}}
                breakers:
                  - name: quotes
                    match: {type: com.acme.Quotes, methods: [quote, quoteLater]}
                """);
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules).awaitReady()) {
            for (int i = 0; i < 3; i++) {
                assertEquals("ok true", app.send("quote-later x"));
                assertEquals("ok true", app.send("quote x"));
            }
            app.awaitStderr("WARN tripswitch breaker=quotes cannot judge com.acme.Quotes#quote(java.lang.String): it"
                    + " returns java.util.concurrent.Future");
            MBeanServerConnection jmx = app.jmx();
            Jmx.awaitRegistered(jmx, Jmx.agent());
            assertEquals(List.of("com.acme.Quotes#quote(java.lang.String) -> quotes: cannot judge, returns"
                    + " java.util.concurrent.Future"), List.of((String[]) Jmx.get(jmx, Jmx.agent(), "UnguardedMethods")));
            assertEquals(List.of("com.acme.Quotes#quoteLater(java.lang.String) -> quotes"),
                    List.of((String[]) Jmx.get(jmx, Jmx.agent(), "Instrumented")), "the CompletableFuture is followed");
            assertEquals("OPEN", Jmx.state(jmx, Jmx.breaker("quotes")), "failed futures trip the breaker");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void globsInterfacesAndOverloads(Jdk jdk) throws Exception {
        Path rules = Env.rules("""
                version: 1
                defaults: {minimumCalls: 2, window: {type: count, size: 10}}
                breakers:
                  - name: gateways
                    match: {type: com.acme.Gateway, subtypes: true, methods: [send]}
                  - name: notify-two
                    match: {type: "com.acme.*Client", methods: ["noti*"], params: [java.lang.String, long]}
                """);
        try (ChildJvm app = ChildJvm.start(jdk, rules).awaitReady()) {
            app.send("sms fail send");
            app.send("sms fail send");
            assertTrue(app.send("sms ok send").contains("circuit open: gateways"), "SmsClient.send is woven");
            app.send("sms fail notify2");
            app.send("sms fail notify2");
            assertTrue(app.send("sms ok notify2").contains("circuit open: notify-two"));
            assertEquals("ok notified bob", app.send("sms ok notify1"), "the other overload is not woven");
            MBeanServerConnection jmx = app.jmx();
            Jmx.awaitRegistered(jmx, Jmx.agent());
            List<String> woven = List.of((String[]) Jmx.get(jmx, Jmx.agent(), "Instrumented"));
            assertEquals(List.of("com.acme.SmsClient#notify(java.lang.String,long) -> notify-two",
                    "com.acme.SmsClient#send(java.lang.String) -> gateways"), woven);
        }
    }

    /**
     * To decide about AuditBlob the agent walks its JDK super class, SerialBlob, which nothing
     * had loaded. A JDK class the rules may weave is read then, not loaded: loaded during the
     * transformation, the JVM would never show it to the agent. It is woven when the JVM loads it.
     */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aJdkSuperClassNotLoadedYetIsWovenWithItsSubclass(Jdk jdk) throws Exception {
        Path rules = Env.rules("""
                version: 1
                breakers:
                  - name: blobs
                    match: {type: javax.sql.rowset.serial.SerialBlob, subtypes: true, methods: [length]}
                """);
        try (ChildJvm app = ChildJvm.start(jdk, rules).awaitReady()) {
            assertEquals("ok 5", app.send("blob-length hello"));
            MBeanServerConnection jmx = app.jmx();
            Jmx.awaitRegistered(jmx, Jmx.agent());
            assertEquals(List.of("com.acme.AuditBlob#length() -> blobs", "javax.sql.rowset.serial.SerialBlob#length() -> blobs"),
                    List.of((String[]) Jmx.get(jmx, Jmx.agent(), "Instrumented")), app.stderr());
            assertEquals(1L, ((Number) Jmx.get(jmx, Jmx.breaker("blobs"), "TotalSuccesses")).longValue(),
                    "AuditBlob.length calling SerialBlob.length: one call of the breaker, counted once");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void attachedLaterItRetransformsClassesAlreadyLoaded(Jdk jdk) throws Exception {
        Path rules = Env.rules(PAYMENTS);
        List<String> options = jdk.name().equals("java25") ? List.of("-XX:+EnableDynamicAgentLoading") : List.of();
        try (ChildJvm app = ChildJvm.start(jdk, null, "com.acme.TargetApp", List.of(), options).awaitReady()) {
            assertEquals("ok charged a 1", app.send("charge a 1")); // PaymentsClient is loaded, unwoven
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
            try {
                vm.loadAgent(Env.agentJar().toString(), rules.toString());
            } finally {
                vm.detach();
            }
            assertEquals("ok", app.send("fail on"));
            app.send("charge a 1");
            app.send("charge a 1");
            assertTrue(app.send("charge a 1").contains("circuit open: payments"), app.stderr());
            app.awaitStderr("started (attached)");
        }
    }

    @Test
    void anotherAgentRetransformingAWovenClassKeepsTheBreaker() throws Exception {
        Path rules = Env.rules(PAYMENTS);
        Path second = secondAgentJar();
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", List.of(),
                List.of("-javaagent:" + second)).awaitReady()) {
            assertEquals("ok charged a 1", app.send("charge a 1"));
            assertEquals("ok 2", app.send("retransform"), "the other agent saw the load and the retransformation");
            assertEquals("ok", app.send("fail on"));
            app.send("charge a 1");
            assertTrue(app.send("charge a 1").contains("circuit open: payments"), "the advice survived: " + app.stderr());
        }
    }

    /** A jar whose manifest makes {@code com.acme.SecondAgent} an agent that may retransform. */
    private static Path secondAgentJar() throws IOException {
        Path jar = Files.createTempFile(Path.of("target"), "second-agent-", ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", "com.acme.SecondAgent");
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.putNextEntry(new JarEntry("com/acme/SecondAgent.class"));
            j.write(Files.readAllBytes(Env.testClasses().resolve("com/acme/SecondAgent.class")));
            j.closeEntry();
            j.putNextEntry(new JarEntry("com/acme/SecondAgent$1.class"));
            j.write(Files.readAllBytes(Env.testClasses().resolve("com/acme/SecondAgent$1.class")));
            j.closeEntry();
        }
        return jar;
    }
}
