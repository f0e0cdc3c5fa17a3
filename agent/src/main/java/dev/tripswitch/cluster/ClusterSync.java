package dev.tripswitch.cluster;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.State;
import dev.tripswitch.engine.Transition;
import dev.tripswitch.engine.TransitionListener;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.ClusterSettings;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.runtime.ClusterState;
import dev.tripswitch.runtime.RuleBreakers;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/**
 * Shares this JVM's breakers with the other JVMs of its namespace through Redis
 * ({@code agent.cluster}). A breaker that trips here is published with the time it has left,
 * and every other JVM opens the same breaker (same key) for that time; a forced open and a
 * close (an operator's reset, or successful trial calls) are published alike. Each state is
 * also kept in Redis, so a JVM that starts later reads it before its first call.
 *
 * <p>Redis work never runs on the application's threads: a transition only queues a message
 * (the application's call goes on), one thread sends them and says every two seconds that
 * this JVM is alive, another receives. With Redis unreachable (at start, or lost mid-run) the
 * log says so once, the breakers act locally, and the link reconnects with backoff, then
 * reads the namespace's state again and republishes what is open here.
 *
 * <p>Only this class and {@link RedisLink} use the Redis client: nothing loads it unless a
 * cluster is set.
 */
public final class ClusterSync implements TransitionListener {
    private static final int TIMEOUT_MILLIS = 1000;
    private static final long HEARTBEAT_MILLIS = 2000;
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final ClusterSettings settings;
    private final BreakerRegistry registry;
    private final AgentLog log;
    private final ClusterState state;
    private final String origin;
    private static final int OUTBOX = 10_000;
    private final BlockingQueue<ClusterMessage> outbox = new LinkedBlockingQueue<>(OUTBOX);
    /** Wakes the sending thread without anything to send. */
    private static final ClusterMessage WAKE_UP = new ClusterMessage(ClusterMessage.Kind.CLOSED, "", 0, "", null, "");
    /** HALF_OPEN breakers whose trials this JVM has not been given yet: the sender asks for them. */
    private final java.util.Set<CircuitBreaker> waitingForTrials = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How often the sender asks again for trials another JVM holds (its lease may expire). */
    private static final long TRIALS_POLL_MILLIS = 200;
    /**
     * Every transition applied from another JVM's news has a reason that starts so: the origin
     * travels with the transition, whichever thread tells the listeners, so a peer's news is never
     * published back as this JVM's and a local transition never taken for a peer's.
     */
    static final String FROM_PEER = "cluster: ";
    /**
     * Set when the receiving thread (re)subscribed: what was published before it listened is
     * read from the kept states by the sending thread, so nothing falls between the two.
     */
    private volatile boolean statesToRead;
    /** Whether the current outage was reported (once per outage). */
    private volatile boolean outageReported;

    private ClusterSync(ClusterSettings settings, BreakerRegistry registry, AgentLog log) {
        this.settings = settings;
        this.registry = registry;
        this.log = log;
        this.state = new ClusterState(settings.redacted(), settings.namespace());
        this.origin = ProcessHandle.current().pid() + "@" + host() + "/"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffL);
    }

    /**
     * Joins the namespace: connects and reads its state here, before the application's first
     * call (at most about a second when Redis does not answer), then runs the link's threads.
     * Never throws: without Redis the breakers act locally.
     */
    public static ClusterState start(ClusterSettings settings, BreakerRegistry registry, AgentLog log) {
        ClusterSync sync = new ClusterSync(settings, registry, log);
        registry.addTransitionListener(sync);
        RedisLink first = sync.connect();
        if (first != null) {
            try {
                sync.readStates(first);
            } catch (RuntimeException e) {
                sync.lost(e);
                first.close();
                first = null;
            }
        }
        RedisLink link = first;
        daemon("tripswitch-cluster", () -> sync.send(link));
        daemon("tripswitch-cluster-events", sync::receive);
        return sync.state;
    }

    @Override
    public void onTransition(CircuitBreaker breaker, Transition t) {
        if (t.from() == State.HALF_OPEN) {
            breaker.fleet().trialsElsewhere(false); // the round is over, whoever ran it
            waitingForTrials.remove(breaker);
        }
        if (t.to() == State.HALF_OPEN) {
            if (!state.connected()) {
                return; // without Redis the breaker runs its own trials
            }
            // no trial here until the namespace says this JVM runs the round (the sender asks Redis)
            breaker.fleet().trialsElsewhere(true);
            waitingForTrials.add(breaker);
            return;
        }
        if (t.reason() != null && t.reason().startsWith(FROM_PEER)) {
            return; // another JVM's news, applied here: not ours to publish
        }
        ClusterMessage.Kind kind;
        if (t.to() == State.OPEN) {
            kind = ClusterMessage.Kind.OPEN;
        } else if (t.to() == State.FORCED_OPEN) {
            kind = ClusterMessage.Kind.FORCED_OPEN;
        } else if (t.to() == State.CLOSED && t.from() != State.CLOSED && t.from() != State.DISABLED) {
            kind = ClusterMessage.Kind.CLOSED;
        } else {
            return;
        }
        if (!outbox.offer(new ClusterMessage(kind, origin, t.retryAfterMillis(), t.breaker(), t.key(), t.reason()))
                && state.droppedOne()) {
            log.warn("cluster: the outbox to Redis is full (" + OUTBOX + " changes waiting); changes are dropped and"
                    + " counted (JMX Agent.ClusterMessagesDropped, /health) until it drains");
        }
    }

    /** The sending thread: queued changes out, heartbeats, reconnection. */
    private void send(RedisLink first) {
        RedisLink link = first;
        long backoff = FIRST_BACKOFF_MILLIS;
        long nextBeat = 0;
        ClusterMessage pending = null;
        while (true) {
            try {
                if (link == null) {
                    link = connect();
                    if (link == null) {
                        Thread.sleep(backoff);
                        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                        continue;
                    }
                    backoff = FIRST_BACKOFF_MILLIS;
                    readStates(link);
                    republishOpen(link);
                }
                if (statesToRead) {
                    statesToRead = false;
                    readStates(link);
                }
                if (pending == null) {
                    pending = outbox.poll(waitingForTrials.isEmpty() ? HEARTBEAT_MILLIS : TRIALS_POLL_MILLIS,
                            TimeUnit.MILLISECONDS);
                }
                if (pending == WAKE_UP) {
                    pending = null;
                }
                if (pending != null) {
                    link.remember(pending);
                    link.publish(pending);
                    if (pending.kind() != ClusterMessage.Kind.FORCED_OPEN) {
                        link.endTrials(pending.breaker(), pending.key()); // a verdict or a reset ends the round
                    }
                    pending = null;
                }
                askForTrials(link);
                long now = System.currentTimeMillis();
                if (now >= nextBeat) {
                    state.synced(now, link.heartbeat(origin, now));
                    nextBeat = now + HEARTBEAT_MILLIS;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                lost(e);
                if (link != null) {
                    link.close();
                }
                link = null;
                nextBeat = 0;
            }
        }
    }

    /**
     * For each HALF_OPEN breaker waiting: takes the round's trials if no other JVM holds them,
     * and then lets trial calls through here. The holder's verdict reaches the others as a
     * CLOSED or OPEN message.
     */
    private void askForTrials(RedisLink link) {
        for (CircuitBreaker b : waitingForTrials) {
            if (b.state() != State.HALF_OPEN) {
                waitingForTrials.remove(b);
                b.fleet().trialsElsewhere(false);
                continue;
            }
            long maxWait = b.config().halfOpen().maxWaitNanos() / 1_000_000L;
            if (link.takeTrials(b.name(), b.key(), origin, maxWait)) {
                waitingForTrials.remove(b);
                b.fleet().trialsElsewhere(false);
            }
        }
    }

    /** Without Redis every breaker runs its own trials, as a local one does. */
    private void trialsHere() {
        for (CircuitBreaker b : waitingForTrials) {
            b.fleet().trialsElsewhere(false);
        }
        waitingForTrials.clear();
    }

    /** The receiving thread: every change another JVM publishes is applied here. */
    private void receive() {
        JedisPubSub subscriber = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                received(ClusterMessage.decode(message, settings.secret()));
                state.synced(System.currentTimeMillis(), state.peers());
            }

            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                statesToRead = true; // news published before this subscription is in the kept states
                outbox.offer(WAKE_UP);
            }
        };
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            try {
                RedisLink link = RedisLink.open(settings, TIMEOUT_MILLIS);
                backoff = FIRST_BACKOFF_MILLIS;
                try {
                    link.listen(subscriber); // until the connection fails
                } finally {
                    link.close();
                }
            } catch (RuntimeException e) {
                // the sending thread reports outages; this one only comes back
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    /** A connection, or null (reported once per outage). */
    private RedisLink connect() {
        try {
            RedisLink link = RedisLink.open(settings, TIMEOUT_MILLIS);
            state.connected(true);
            if (outageReported) {
                log.info("cluster: Redis " + settings.redacted() + " is back; namespace " + settings.namespace()
                        + " re-synced");
            } else {
                log.info("cluster: connected to Redis " + settings.redacted() + ", namespace " + settings.namespace());
            }
            outageReported = false;
            return link;
        } catch (RuntimeException e) {
            lost(e);
            return null;
        }
    }

    private void lost(RuntimeException e) {
        state.connected(false);
        trialsHere();
        if (outageReported) {
            return;
        }
        outageReported = true;
        boolean refused = e instanceof JedisAccessControlException || String.valueOf(e.getMessage()).contains("WRONGPASS")
                || String.valueOf(e.getMessage()).contains("NOAUTH");
        log.warn("cluster: " + (refused ? "Redis " + settings.redacted() + " refused the credentials (" + e.getMessage()
                + "); check the user and password in agent.cluster.redis"
                : "Redis " + settings.redacted() + " is unreachable (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")") + "; breakers act locally and the link keeps trying to reconnect");
    }

    /** The namespace's current state, applied to this JVM's breakers (a late joiner's first view). */
    private void readStates(RedisLink link) {
        for (ClusterMessage m : link.states(this::refused)) {
            apply(m);
        }
        state.synced(System.currentTimeMillis(), state.peers());
    }

    /** After an outage: what is open here is told again, since the news may have been lost. */
    private void republishOpen(RedisLink link) {
        for (CircuitBreaker b : registry.all()) {
            State s = b.state();
            ClusterMessage m = null;
            if (s == State.OPEN && b.retryAfterMillis() > 0) {
                m = new ClusterMessage(ClusterMessage.Kind.OPEN, origin, b.retryAfterMillis(), b.name(), b.key(),
                        b.stateReason());
            } else if (s == State.FORCED_OPEN) {
                m = new ClusterMessage(ClusterMessage.Kind.FORCED_OPEN, origin, 0, b.name(), b.key(), b.stateReason());
            }
            if (m != null) {
                link.remember(m);
                link.publish(m);
            }
        }
    }

    /** A message from the channel: applied, or refused and counted. */
    private void received(Object decoded) {
        if (decoded instanceof ClusterMessage.Refusal) {
            refused((ClusterMessage.Refusal) decoded);
        } else {
            apply((ClusterMessage) decoded);
        }
    }

    /** Counts a message not applied, and says once per kind why (never one line per message). */
    private void refused(ClusterMessage.Refusal why) {
        state.refusedOne();
        String what;
        switch (why) {
            case UNSIGNED:
                what = "messages without a signature (agent.cluster.secret is set here: every JVM of the"
                    + " namespace needs it)";
                break;
            case BAD_SIGNATURE:
                what = "messages signed with another secret than agent.cluster.secret";
                break;
            default: // MALFORMED
                what = "malformed messages (another version of the agent, or not one at all)";
                break;
        }
        log.once(dev.tripswitch.rules.LogLevel.WARN, "cluster/refused/" + why, "cluster: dropping " + what
                + "; counted in JMX Agent.ClusterMessagesRefused and /health");
    }

    /**
     * Applies another JVM's change to the same breaker here, bounded like local input: an open
     * time no longer than the rule's {@code backoff.max}, a key only within {@code maxKeys} (or
     * one this JVM has already).
     */
    private void apply(ClusterMessage m) {
        if (m == null || m.origin().equals(origin)) {
            return;
        }
        RuleBreakers rule = registry.rule(m.breaker());
        if (rule == null) {
            return; // a rule this JVM does not have
        }
        if (!rule.acceptsNewsOf(m.key())) {
            state.refusedOne();
            log.once(dev.tripswitch.rules.LogLevel.WARN, "cluster/keys/" + m.breaker(), "cluster: news of more keys of"
                    + " breaker=" + m.breaker() + " than its maxKeys (" + rule.rule().maxKeys() + ") is dropped here and"
                    + " counted in JMX Agent.ClusterMessagesRefused; each key still trips on its own calls");
            return;
        }
        try {
            CircuitBreaker b = rule.breaker(m.key());
            if (b == null) {
                return; // the rule is being taken out by a reload
            }
            switch (m.kind()) {
                case OPEN: {
                    long longest = b.config().backoff().maxNanos() / 1_000_000L;
                    b.fleet().openFor(Math.min(m.remainingMillis(), longest) * 1_000_000L, FROM_PEER + "tripped in "
                            + m.origin() + " (" + m.reason() + ")");
                    break;
                }
                case FORCED_OPEN:
                    b.forceOpen(FROM_PEER + "forced open in " + m.origin());
                    break;
                case CLOSED: {
                    State s = b.state();
                    if (s == State.OPEN || s == State.HALF_OPEN || s == State.FORCED_OPEN) {
                        b.reset(FROM_PEER + "closed in " + m.origin() + " (" + m.reason() + ")");
                    }
                    break;
                }
            }
        } catch (RuntimeException e) {
            log.once(dev.tripswitch.rules.LogLevel.WARN, "cluster/apply", "cluster: could not apply " + m.kind()
                    + " of " + m.breaker() + ": " + e);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLoopbackAddress().getHostName();
        } catch (RuntimeException e) {
            return "host";
        }
    }
}
