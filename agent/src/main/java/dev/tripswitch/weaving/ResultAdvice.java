package dev.tripswitch.weaving;

import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.Permit;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice for a method whose rule judges the returned value ({@code failOn.result},
 * {@code ignoreResult}) but needs no arguments. A primitive result is boxed to be judged.
 */
public final class ResultAdvice {
    private ResultAdvice() {
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

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@RuleId int rule,
                     @Advice.Enter boolean rejected,
                     @Advice.This(optional = true) Object self,
                     @Advice.Origin Class<?> origin,
                     @Advice.Origin("#m#d") String method,
                     @Advice.Local("tsCall") Object call,
                     @Advice.Local("tsPermit") long permit,
                     @Advice.Local("tsStart") long start,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                     @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (rejected) {
            Object outcome = Dispatcher.rejected(rule, call, origin, method, false, self, null);
            if (outcome instanceof Dispatcher.Throw) {
                thrown = ((Dispatcher.Throw) outcome).throwable;
            } else {
                returned = outcome;
            }
        } else {
            Dispatcher.exit(rule, call, permit, start, returned, thrown, null);
        }
    }
}
