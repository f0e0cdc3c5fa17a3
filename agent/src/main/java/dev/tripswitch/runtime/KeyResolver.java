package dev.tripswitch.runtime;

import dev.tripswitch.instrumentation.Reflect;
import dev.tripswitch.rules.KeyExpression;

/** Evaluates a {@code key:} expression on a call: the key is the value's {@code String.valueOf}; a null gives "-". */
final class KeyResolver {
    static final String NULL_KEY = "-";

    private final KeyExpression expression;

    KeyResolver(KeyExpression expression) {
        this.expression = expression;
    }

    /**
     * The key of this call, or null when there is none (the {@code host} of a call that has
     * no address).
     *
     * @throws Exception when a property of the path does not exist or its getter throws
     */
    String resolve(Object self, Object[] args) throws Exception {
        Object value;
        switch (expression.root()) {
            case HOST: {
                return HostKeys.of(self, args);
            }
            case ARG: {
                if (args == null || expression.arg() >= args.length) {
                    throw new IllegalArgumentException("the method has " + (args == null ? 0 : args.length)
                            + " arguments, so arg" + expression.arg() + " does not exist");
                }
                value = args[expression.arg()];
                break;
            }
            default:
                value = self;
                break;
        }
        for (String property : expression.path()) {
            if (value == null) {
                return NULL_KEY;
            }
            value = Reflect.property(value, property);
        }
        return value == null ? NULL_KEY : String.valueOf(value);
    }

    /** Whether the expression reads the method's arguments (then the advice must bind them). */
    static boolean readsArguments(KeyExpression expression) {
        return expression != null && expression.root() != KeyExpression.Root.THIS;
    }
}
