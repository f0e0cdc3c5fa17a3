package dev.tripswitch.log;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.State;
import dev.tripswitch.engine.Transition;
import dev.tripswitch.engine.TransitionListener;
import dev.tripswitch.rules.LogLevel;

/**
 * One line per transition (docs/logs.md): WARN when a breaker opens, INFO otherwise.
 * {@code tripswitch breaker=payments key=api.acme.com:443 from=CLOSED to=OPEN reason="..." retryAfter=30000ms}
 */
public final class TransitionLog implements TransitionListener {
    private final AgentLog log;

    public TransitionLog(AgentLog log) {
        this.log = log;
    }

    @Override
    public void onTransition(CircuitBreaker breaker, Transition t) {
        boolean opened = t.to() == State.OPEN || t.to() == State.FORCED_OPEN;
        log.write(opened ? LogLevel.WARN : LogLevel.INFO, format(t));
    }

    /** The line without the level and logger name, which the sink adds. */
    public static String format(Transition t) {
        StringBuilder line = new StringBuilder("breaker=").append(t.breaker());
        if (t.key() != null) {
            line.append(" key=").append(LogValue.of(t.key()));
        }
        line.append(" from=").append(t.from()).append(" to=").append(t.to())
                .append(" reason=").append(LogValue.quoted(t.reason()));
        if (t.to() == State.OPEN) {
            line.append(" retryAfter=").append(t.retryAfterMillis()).append("ms");
        } else if (t.to() == State.FORCED_OPEN) {
            line.append(" until=reset");
        }
        return line.toString();
    }
}
