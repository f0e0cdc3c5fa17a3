package dev.tripswitch.weaving;

import dev.tripswitch.bridge.Dispatcher;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice that runs after a guarded method (or instead of it, when {@link Enter}
 * skipped it): record the outcome, or answer the rejected call as its rule says. Four
 * variants, because what is bound costs: the returned value is boxed when it is primitive,
 * the arguments are an array.
 */
final class Exit {
    private Exit() {
    }

    /** Neither result nor arguments: nothing is allocated while the breaker is closed. */
    static final class Plain {
        private Plain() {
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
                Dispatcher.exit(rule, call, permit, start, self, null, thrown, null);
            }
        }
    }

    /** The result is judged ({@code failOn.result}, {@code ignoreResult}); no arguments. */
    static final class WithResult {
        private WithResult() {
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
                Dispatcher.exit(rule, call, permit, start, self, returned, thrown, null);
            }
        }
    }

    /** Result and arguments. */
    static final class WithArguments {
        private WithArguments() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@RuleId int rule,
                         @Advice.Enter boolean rejected,
                         @Advice.This(optional = true) Object self,
                         @Advice.AllArguments Object[] args,
                         @Advice.Origin Class<?> origin,
                         @Advice.Origin("#m#d") String method,
                         @Advice.Local("tsCall") Object call,
                         @Advice.Local("tsPermit") long permit,
                         @Advice.Local("tsStart") long start,
                         @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (rejected) {
                Object outcome = Dispatcher.rejected(rule, call, origin, method, false, self, args);
                if (outcome instanceof Dispatcher.Throw) {
                    thrown = ((Dispatcher.Throw) outcome).throwable;
                } else {
                    returned = outcome;
                }
            } else {
                Dispatcher.exit(rule, call, permit, start, self, returned, thrown, args);
            }
        }
    }

    /**
     * A method returning a CompletableFuture or CompletionStage: recorded when the future
     * completes; a rejected call returns a failed future instead of throwing.
     */
    static final class Async {
        private Async() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@RuleId int rule,
                         @Advice.Enter boolean rejected,
                         @Advice.This(optional = true) Object self,
                         @Advice.AllArguments Object[] args,
                         @Advice.Origin Class<?> origin,
                         @Advice.Origin("#m#d") String method,
                         @Advice.Local("tsCall") Object call,
                         @Advice.Local("tsPermit") long permit,
                         @Advice.Local("tsStart") long start,
                         @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (rejected) {
                Object outcome = Dispatcher.rejected(rule, call, origin, method, true, self, args);
                if (outcome instanceof Dispatcher.Throw) {
                    thrown = ((Dispatcher.Throw) outcome).throwable;
                } else {
                    returned = outcome;
                }
            } else {
                Dispatcher.exitAsync(rule, call, permit, start, self, returned, thrown, args);
            }
        }
    }
}
