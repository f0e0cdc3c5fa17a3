package dev.tripswitch.instrumentation;

/**
 * How a client library's own objects lead to the host a call goes to, where the generic
 * probes of the {@code host} key (a URI, URL or address string among the arguments; a
 * {@code uri()}, {@code url()}, {@code request()} or {@code host()}/{@code port()} getter)
 * find nothing: a gRPC channel's authority, a request HttpClient 5 wraps without a getter, a
 * JDBC statement's connection. Each library's file says its own (docs/architecture.md,
 * "Where changes go"); the key asks every library's probe once per class, before its
 * generic getters.
 */
@FunctionalInterface
public interface HostProbe {
    /** How to read the host of objects of {@code type}, or null when the type is not this library's. */
    Reader readerFor(Class<?> type);

    /** Reads the host of one object of the type it was made for. */
    @FunctionalInterface
    interface Reader {
        /**
         * @param target an object of the type
         * @param next   reads the host of what {@code target} leads to (a URI, a request, a URL
         *               string), one level deeper
         * @return {@code host:port}, or null when this object has none
         */
        String host(Object target, Next next) throws Exception;
    }

    /** The generic host reading, for what a library's object leads to. */
    @FunctionalInterface
    interface Next {
        String hostOf(Object leadsTo) throws Exception;
    }
}
