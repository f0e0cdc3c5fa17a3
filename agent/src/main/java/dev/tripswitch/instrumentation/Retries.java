package dev.tripswitch.instrumentation;

import java.util.Locale;
import java.util.Set;

/**
 * Which of a library's calls a rule's {@code retry:} may repeat. Repeating a call runs the
 * woven method again with the same arguments, so a library whose call objects are one-shot
 * (OkHttp's {@code Call}, an {@code HttpURLConnection}) cannot be retried this way, and a
 * request that is not idempotent must not be sent twice unless the rule says so.
 */
public abstract class Retries {
    /** HTTP methods that may be sent again without changing the outcome (RFC 9110 §9.2.2). */
    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    /**
     * Whether this failed call may be tried again.
     *
     * @param method         the woven method's name
     * @param idempotentOnly the rule's {@code retry.idempotentOnly}
     */
    public abstract boolean mayRetry(String method, Object self, Object[] args, boolean idempotentOnly);

    /** What is retried, in a few words for {@code check} and the docs. */
    public abstract String describe(boolean idempotentOnly);

    /** Whether any call can be retried at all. */
    public boolean ever() {
        return true;
    }

    /** A rule of the user's own: every call its {@code on} list allows. */
    public static final Retries ANY = new Retries() {
        @Override
        public boolean mayRetry(String method, Object self, Object[] args, boolean idempotentOnly) {
            return true;
        }

        @Override
        public String describe(boolean idempotentOnly) {
            return "every guarded call";
        }
    };

    /** What a rule's {@code retry:} may repeat: its preset's say, or every call of a rule of the user's own. */
    public static Retries forPreset(String preset) {
        ClientInstrumentation p = preset == null ? null : Presets.get(preset);
        return p == null ? ANY : p.retries();
    }

    /** A library whose calls cannot be repeated by the agent; {@code why} says what to use instead. */
    static Retries none(String why) {
        return new Retries() {
            @Override
            public boolean mayRetry(String method, Object self, Object[] args, boolean idempotentOnly) {
                return false;
            }

            @Override
            public String describe(boolean idempotentOnly) {
                return "nothing: " + why;
            }

            @Override
            public boolean ever() {
                return false;
            }
        };
    }

    /**
     * HTTP requests: idempotent methods only unless the rule says otherwise. The request is
     * the first argument with a {@code method()} or {@code getMethod()} (JDK {@code HttpRequest},
     * HttpClient 5's {@code ClassicHttpRequest}, Spring's {@code ClientRequest}); a request
     * whose method cannot be read is not retried when only idempotent ones may be.
     */
    static Retries httpRequests() {
        return httpRequests("");
    }

    /** {@link #httpRequests()}, with what of the library is not retried ({@code "; its async client is not"}). */
    static Retries httpRequests(String except) {
        return new Retries() {
            @Override
            public boolean mayRetry(String method, Object self, Object[] args, boolean idempotentOnly) {
                if (!idempotentOnly) {
                    return true;
                }
                String verb = requestMethod(args);
                return verb != null && IDEMPOTENT.contains(verb.toUpperCase(Locale.ROOT));
            }

            @Override
            public String describe(boolean idempotentOnly) {
                return (idempotentOnly ? "idempotent requests only (GET, HEAD, PUT, DELETE, OPTIONS, TRACE)"
                        : "every request (idempotentOnly: false)") + except;
            }
        };
    }

    /** Only calls of the methods named: JDBC retries getting a connection, never a statement. */
    static Retries onlyMethods(Set<String> methods, String what) {
        return new Retries() {
            @Override
            public boolean mayRetry(String method, Object self, Object[] args, boolean idempotentOnly) {
                return method != null && methods.contains(method);
            }

            @Override
            public String describe(boolean idempotentOnly) {
                return what;
            }
        };
    }

    /** The HTTP method of the first request among {@code args}, or null. */
    static String requestMethod(Object[] args) {
        if (args == null) {
            return null;
        }
        for (Object a : args) {
            if (a == null || a instanceof String || a.getClass().isArray()) {
                continue;
            }
            Object verb = Reflect.callQuietly(a, "method");
            if (verb == null) {
                verb = Reflect.callQuietly(a, "getMethod");
            }
            if (verb != null) {
                return String.valueOf(verb);
            }
        }
        return null;
    }
}
