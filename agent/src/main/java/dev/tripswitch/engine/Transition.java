package dev.tripswitch.engine;

/**
 * One change of state, as logs and JMX notifications report it.
 *
 * @param reason           why, in words an operator understands ({@code failure rate 62.5% >= 50% over 16 calls})
 * @param atMillis         wall-clock time of the change
 * @param retryAfterMillis for OPEN, how long until trial calls; otherwise 0
 */
public record Transition(String breaker, String key, State from, State to, String reason, long atMillis,
                         long retryAfterMillis) {
}
