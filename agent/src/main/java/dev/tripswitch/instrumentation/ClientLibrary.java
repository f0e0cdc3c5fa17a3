package dev.tripswitch.instrumentation;

/**
 * One client library, as {@link Presets} registers it: one line there, one file for the
 * library. Its name is known at once; the rest of what the agent knows of it (its
 * {@link ClientInstrumentation}) is built the first time a rule names it, so a start defines
 * only the presets its rules use. A library whose objects lead to a call's host in a way
 * generic getters cannot follow implements {@link HostProbe} too: the {@code host} key asks
 * every library's probe, preset or not (a rule of the user's own keyed by {@code host} on a
 * gRPC channel needs gRPC's).
 */
abstract class ClientLibrary {
    private final String preset;

    ClientLibrary(String preset) {
        this.preset = preset;
    }

    /** The {@code preset:} name. */
    final String preset() {
        return preset;
    }

    /** Everything the agent knows of the library: built once, when first asked for. */
    abstract ClientInstrumentation definition();

    /** How the library's own objects lead to the host a call goes to, or null when generic getters find it. */
    final HostProbe hostProbe() {
        return this instanceof HostProbe ? (HostProbe) this : null;
    }
}
