import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The floor of benchmarks/startup.sh: a Java agent whose class file transformer looks at
 * nothing and changes nothing. What it costs is what the JVM charges any agent that sees
 * classes as they load (Tripswitch, OpenTelemetry's, any Byte Buddy agent): each class file
 * copied into a Java array and handed up through JNI, and, for classes the JVM would take from
 * its class-data sharing archive, their class files read again to be shown to the agent.
 */
public final class NoopAgent {
    private NoopAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    ProtectionDomain domain, byte[] classFile) {
                return null;
            }
        }, true);
    }
}
