package dev.tripswitch.weaving;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A method declared to return a future of the application's own type (a subclass of
 * {@code CompletableFuture}) is reported and left unguarded: the failed
 * {@code CompletableFuture} a rejection returns would not be one, and the application would
 * get a {@code ClassCastException} from the woven code. {@code CompletableFuture} and
 * {@code CompletionStage} themselves are woven.
 */
class FutureSubclassTest {
    static final class MyFuture<T> extends CompletableFuture<T> {
    }

    static final class Client {
        public MyFuture<String> own() {
            return new MyFuture<>();
        }

        public CompletableFuture<String> plain() {
            return new CompletableFuture<>();
        }

        public CompletionStage<String> stage() {
            return new CompletableFuture<>();
        }
    }

    @Test
    void aFutureOfTheApplicationsOwnTypeIsReportedNotWoven() throws Exception {
        byte[] original;
        try (InputStream in = Client.class.getResourceAsStream("FutureSubclassTest$Client.class")) {
            original = in.readAllBytes();
        }
        BreakerRule rule = new BreakerRule("futures", List.of(new MatchSpec(Client.class.getName(), false,
                List.of("own", "plain", "stage"), null)), null, 1, FailOn.DEFAULTS, WhenOpen.DEFAULT,
                BreakerConfig.DEFAULTS, null);
        Weaver.Target target = new Weaver.Target(0, rule, false, true);
        List<String> woven = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        AdviceWeaver.AsyncCheck futures = type -> type.getSort() == Type.OBJECT
                && (type.getClassName().endsWith("MyFuture") || type.getClassName().startsWith("java.util.concurrent.Comp"));
        AdviceWeaver.weave(original, List.of(new AdviceWeaver.Guard(target, new MethodFilter(rule.matches().get(0)),
                futures, MatchSpec.Role.GUARD)), new AdviceWeaver.Woven() {
                    @Override
                    public void woven(Weaver.Target t, String method) {
                        woven.add(method.substring(method.indexOf('#') + 1, method.indexOf('(')));
                    }

                    @Override
                    public void cannotJudge(Weaver.Target t, String method, String why) {
                        reported.add(method.substring(method.indexOf('#') + 1, method.indexOf('(')) + ": " + why);
                    }
                });
        assertEquals(List.of("plain", "stage"), woven);
        assertEquals(List.of("own: returns " + MyFuture.class.getName() + " (a future of the application's own type:"
                + " a rejected call could not return one)"), reported);
    }
}
