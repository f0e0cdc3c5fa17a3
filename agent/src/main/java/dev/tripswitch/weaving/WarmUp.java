package dev.tripswitch.weaving;

import java.io.InputStream;
import java.util.List;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;

/**
 * Weaves this small class once, on a background thread, while the application starts, and
 * throws the result away: the first real class to weave then finds ASM and the weaver's own
 * classes loaded, instead of loading them (about 40 ms) on the application's thread while it
 * loads its HTTP client. Started only when there are rules to weave.
 */
public final class WarmUp {
    private WarmUp() {
    }

    /** Something to weave: a method of each woven kind's shape. */
    static int sample(String text, long n) throws java.io.IOException {
        if (text == null) {
            throw new java.io.IOException("none");
        }
        return text.length() + (int) n;
    }

    /** Starts the warm-up on a daemon thread; it never fails the agent. */
    public static void start() {
        Thread t = new Thread(new Runnable() { // not a method reference: no lambda class to spin on the main thread
            @Override
            public void run() {
                WarmUp.run();
            }
        }, "tripswitch-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static byte[] run() {
        try (InputStream in = WarmUp.class.getResourceAsStream("WarmUp.class")) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            MatchSpec match = new MatchSpec(WarmUp.class.getName(), false, List.of("sample"), null);
            BreakerRule rule = new BreakerRule("warm-up", List.of(match), null, 1, FailOn.DEFAULTS, WhenOpen.DEFAULT,
                    BreakerConfig.DEFAULTS, null);
            Weaver.Target target = new Weaver.Target(-1, rule, true, true);
            return AdviceWeaver.weave(bytes, List.of(new AdviceWeaver.Guard(target, new MethodFilter(match),
                    type -> false, MatchSpec.Role.GUARD)), (t, method) -> { });
        } catch (Throwable e) {
            return null; // only a head start: the first real weave loads what it needs
        }
    }
}
