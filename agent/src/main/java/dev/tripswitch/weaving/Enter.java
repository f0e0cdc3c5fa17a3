package dev.tripswitch.weaving;

import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.Permit;
import net.bytebuddy.asm.Advice;

/**
 * The advice that runs before a guarded method: find the call's breaker, take a permit,
 * skip the method when the breaker rejects, and start the clock when the call is timed.
 * Its bytecode is pasted into the woven method, so it names only bridge and JDK types;
 * the locals it sets are read by the matching {@link Exit} advice.
 */
final class Enter {
    private Enter() {
    }

    /** For rules that need no arguments: nothing is allocated. */
    static final class Plain {
        private Plain() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter(@RuleId int rule,
                             @Advice.This(optional = true) Object self,
                             @Advice.Local("tsCall") Object call,
                             @Advice.Local("tsPermit") long permit,
                             @Advice.Local("tsStart") long start) {
            call = Dispatcher.enter(rule, self, null);
            permit = Dispatcher.acquire(rule, call);
            if (permit == Permit.REJECTED) {
                return true;
            }
            start = Dispatcher.start(call);
            return false;
        }
    }

    /** For rules that read the arguments (a key, {@code call}, {@code lastGood}, futures): one array per call. */
    static final class WithArguments {
        private WithArguments() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter(@RuleId int rule,
                             @Advice.This(optional = true) Object self,
                             @Advice.AllArguments Object[] args,
                             @Advice.Local("tsCall") Object call,
                             @Advice.Local("tsPermit") long permit,
                             @Advice.Local("tsStart") long start) {
            call = Dispatcher.enter(rule, self, args);
            permit = Dispatcher.acquire(rule, call);
            if (permit == Permit.REJECTED) {
                return true;
            }
            start = Dispatcher.start(call);
            return false;
        }
    }
}
