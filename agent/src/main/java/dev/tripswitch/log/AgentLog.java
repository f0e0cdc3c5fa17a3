package dev.tripswitch.log;

import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tripswitch.rules.LogLevel;

/**
 * Where the agent writes: the application's own SLF4J (logger {@code tripswitch}) once the
 * application has started it, standard error until then or if it has none. The lookup
 * never initializes the application's logging: it only looks among the classes already
 * loaded, and an SLF4J with no provider bound (which drops everything) counts as none.
 */
public final class AgentLog {
    private static final long LOOKUP_EVERY_NANOS = 200_000_000L;

    private final Instrumentation inst;
    private final PrintStream stderr;
    private volatile LogLevel level = LogLevel.INFO;
    private volatile Slf4j slf4j;
    private volatile long lastLookup = System.nanoTime() - LOOKUP_EVERY_NANOS;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    public AgentLog(Instrumentation inst) {
        this(inst, System.err);
    }

    /** A log that writes to {@code out} only (no SLF4J lookup): for tools and tests. */
    public static AgentLog to(PrintStream out) {
        return new AgentLog(null, out);
    }

    AgentLog(Instrumentation inst, PrintStream stderr) {
        this.inst = inst;
        this.stderr = stderr;
    }

    public void setLevel(LogLevel level) {
        this.level = level;
    }

    public void error(String message) {
        write(LogLevel.ERROR, message);
    }

    public void warn(String message) {
        write(LogLevel.WARN, message);
    }

    public void info(String message) {
        write(LogLevel.INFO, message);
    }

    public void debug(String message) {
        write(LogLevel.DEBUG, message);
    }

    /** Writes {@code message} only the first time {@code key} is seen: for problems that would repeat per call. */
    public void once(LogLevel at, String key, String message) {
        if (said.add(key)) {
            write(at, message);
        }
    }

    /** Writes to standard error whatever the level: for the one message about an unusable rules file. */
    /** Writes lines to standard error whatever the level: each line is escaped on its own. */
    public void always(java.util.List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(LogValue.oneLine(line)).append(System.lineSeparator());
        }
        stderr.print(out);
        stderr.flush();
    }

    /** Writes one line at {@code at}: whatever the message holds (a key, a server's error text) stays on it. */
    public void write(LogLevel at, String text) {
        if (!level.allows(at)) {
            return;
        }
        String message = LogValue.oneLine(text);
        Slf4j sink = slf4j();
        if (sink != null && sink.write(at, message)) {
            return;
        }
        stderr.println(Timestamps.iso(System.currentTimeMillis()) + " " + at + " tripswitch " + message);
        stderr.flush();
    }

    private Slf4j slf4j() {
        Slf4j sink = slf4j;
        if (sink != null || inst == null) {
            return sink;
        }
        long now = System.nanoTime();
        if (now - lastLookup < LOOKUP_EVERY_NANOS) {
            return null;
        }
        lastLookup = now;
        sink = Slf4j.find(inst);
        slf4j = sink;
        return sink;
    }

    /** The application's SLF4J logger {@code tripswitch}, called reflectively (the agent bundles none). */
    private static final class Slf4j {
        private final Object logger;
        private final Method error;
        private final Method warn;
        private final Method info;
        private final Method debug;

        /**
         * The application's SLF4J package, built at run time: the agent jar relocates its own
         * copy of {@code org.slf4j} (for the cluster's Redis client), and relocation rewrites
         * string constants that name that package too.
         */
        private static final String APPLICATION_SLF4J = String.join(".", "org", "slf4j");

        private Slf4j(Object logger) throws ReflectiveOperationException {
            this.logger = logger;
            Class<?> api = Class.forName(APPLICATION_SLF4J + ".Logger", false, logger.getClass().getClassLoader());
            this.error = api.getMethod("error", String.class);
            this.warn = api.getMethod("warn", String.class);
            this.info = api.getMethod("info", String.class);
            this.debug = api.getMethod("debug", String.class);
        }

        static Slf4j find(Instrumentation inst) {
            try {
                Class<?> c = dev.tripswitch.instrumentation.Reflect.loadedByApplication(inst,
                        APPLICATION_SLF4J + ".LoggerFactory");
                if (c != null) {
                    Object factory = c.getMethod("getILoggerFactory").invoke(null);
                    String factoryName = factory.getClass().getName();
                    if (factoryName.contains("NOP") || factoryName.contains("Substitute")) {
                        return null; // no provider bound (yet): SLF4J would drop our lines
                    }
                    return new Slf4j(c.getMethod("getLogger", String.class).invoke(null, "tripswitch"));
                }
            } catch (Throwable e) {
                return null;
            }
            return null;
        }

        boolean write(LogLevel at, String message) {
            try {
                Method m;
                switch (at) {
                    case ERROR:
                        m = error;
                        break;
                    case WARN:
                        m = warn;
                        break;
                    case DEBUG:
                        m = debug;
                        break;
                    default:
                        m = info;
                        break;
                }
                m.invoke(logger, message);
                return true;
            } catch (Throwable e) {
                return false;
            }
        }
    }
}
