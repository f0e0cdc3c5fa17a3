package dev.tripswitch.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Transition;
import dev.tripswitch.engine.TransitionListener;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.runtime.ClusterState;
import dev.tripswitch.runtime.RuleBreakers;

/**
 * {@code GET /}: the live page, one self-contained HTML file in the jar (its CSS and script
 * inline, nothing fetched from anywhere), and {@code GET /api/breakers}, the snapshot it polls
 * every second: every rule with every key's state, rates, total calls (the page turns them
 * into calls per second), p99, retry-after and last transition, and the recent transitions
 * for its timeline. It keeps the last {@value #RECENT} transitions itself, told by the
 * breakers as they happen.
 */
final class LivePage implements TransitionListener {
    static final int RECENT = 100;
    private final BreakerRegistry registry;
    private final Deque<Transition> recent = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final byte[] html;
    /** Only the page's own inline style and script run, it fetches only from here, and nothing frames it. */
    private final String policy;

    LivePage(BreakerRegistry registry) {
        this.registry = registry;
        this.html = read();
        this.policy = policy(new String(html, StandardCharsets.UTF_8));
        registry.addTransitionListener(this);
    }

    /** The page's Content-Security-Policy: its inline {@code <style>} and {@code <script>} by their SHA-256. */
    static String policy(String page) {
        return "default-src 'none'; style-src " + hashes(page, "style") + "; script-src " + hashes(page, "script")
                + "; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'";
    }

    private static String hashes(String page, String element) {
        StringBuilder out = new StringBuilder();
        String open = "<" + element + ">";
        String close = "</" + element + ">";
        for (int at = page.indexOf(open); at >= 0; at = page.indexOf(open, at + 1)) {
            int end = page.indexOf(close, at);
            if (end < 0) {
                break;
            }
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(page.substring(at + open.length(), end).getBytes(StandardCharsets.UTF_8));
                out.append(out.length() == 0 ? "" : " ").append("'sha256-")
                        .append(java.util.Base64.getEncoder().encodeToString(digest)).append('\'');
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
        return out.length() == 0 ? "'none'" : out.toString();
    }

    private static byte[] read() {
        try (InputStream in = LivePage.class.getResourceAsStream("page.html")) {
            return in == null ? "<h1>tripswitch</h1><p>page missing from the jar</p>".getBytes(StandardCharsets.UTF_8)
                    : in.readAllBytes();
        } catch (IOException e) {
            return ("<h1>tripswitch</h1><p>" + e + "</p>").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void onTransition(CircuitBreaker breaker, Transition t) {
        recent.addFirst(t);
        if (size.incrementAndGet() > RECENT) {
            recent.pollLast();
            size.decrementAndGet();
        }
    }

    HttpExchange.Response page() {
        return new HttpExchange.Response(200, "text/html; charset=utf-8", html, policy);
    }

    /** The page's data: rules, keys and recent transitions, as JSON. */
    HttpExchange.Response snapshot(long uptimeSeconds, ClusterState cluster) {
        StringBuilder out = new StringBuilder("{\"uptimeSeconds\":").append(uptimeSeconds)
                .append(",\"now\":").append(System.currentTimeMillis());
        if (cluster != null) {
            out.append(",\"cluster\":").append(Health.cluster(cluster));
        }
        out.append(",\"rules\":[");
        boolean firstRule = true;
        for (RuleBreakers rule : registry.rules()) {
            out.append(firstRule ? "" : ",").append("{\"name\":").append(Json.string(rule.rule().name()))
                    .append(",\"keys\":[");
            firstRule = false;
            List<CircuitBreaker> all = new ArrayList<>(rule.all());
            for (int i = 0; i < all.size(); i++) {
                CircuitBreaker b = all.get(i);
                out.append(i == 0 ? "" : ",").append("{\"key\":").append(Json.string(b.key()))
                        .append(",\"state\":").append(Json.string(b.state().name()))
                        .append(",\"failureRate\":").append(Json.number(b.metrics().failureRate()))
                        .append(",\"slowCallRate\":").append(Json.number(b.metrics().slowCallRate()))
                        .append(",\"calls\":").append(b.metrics().totalCalls())
                        .append(",\"rejected\":").append(b.metrics().totalRejected())
                        .append(",\"p99\":").append(Json.number(b.metrics().latencyP99Millis()))
                        .append(",\"retryAfterMillis\":").append(b.retryAfterMillis())
                        .append(",\"reason\":").append(Json.string(b.stateReason()))
                        .append(",\"changedAt\":").append(b.stateChangedAtMillis()).append('}');
            }
            out.append("]}");
        }
        out.append("],\"transitions\":[");
        boolean first = true;
        for (Transition t : recent) {
            out.append(first ? "" : ",").append("{\"at\":").append(t.atMillis())
                    .append(",\"breaker\":").append(Json.string(t.breaker()))
                    .append(",\"key\":").append(Json.string(t.key()))
                    .append(",\"from\":").append(Json.string(t.from().name()))
                    .append(",\"to\":").append(Json.string(t.to().name()))
                    .append(",\"reason\":").append(Json.string(t.reason())).append('}');
            first = false;
        }
        return HttpExchange.Response.json(200, out.append("]}").toString());
    }
}
