package dev.tripswitch.rules;

/** What a rejected call ends with ({@code whenOpen:}): exactly one of four answers. */
public interface WhenOpen {
    /** The exception the agent throws when a rule names none. */
    String DEFAULT_EXCEPTION = "dev.tripswitch.CircuitOpenException";

    Throw DEFAULT = new Throw(DEFAULT_EXCEPTION);

    /** Throw an exception of this type, with the message docs/behaviour.md gives. */
    static final class Throw implements WhenOpen {
        private final String type;

        public Throw(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Throw)) {
                return false;
            }
            Throw other = (Throw) o;
            return java.util.Objects.equals(type, other.type);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(type);
        }

        @Override
        public String toString() {
            return "Throw[type=" + type + "]";
        }
    }

    /**
     * Return a literal: null, a boolean, a number or a string; or, when {@code empty}, the
     * empty value of the method's return type (collection, Optional, array, "").
     */
    static final class Return implements WhenOpen {
        private final Object value;
        private final boolean empty;

        public Return(Object value, boolean empty) {
            this.value = value;
            this.empty = empty;
        }

        public Object value() {
            return value;
        }

        public boolean empty() {
            return empty;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Return)) {
                return false;
            }
            Return other = (Return) o;
            return java.util.Objects.equals(value, other.value)
                && empty == other.empty;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(value, empty);
        }

        @Override
        public String toString() {
            return "Return[value=" + value + ", empty=" + empty + "]";
        }
    }

    /** Call a static method taking the same parameters (and optionally a Throwable last). */
    static final class Call implements WhenOpen {
        private final String className;
        private final String method;

        public Call(String className, String method) {
            this.className = className;
            this.method = method;
        }

        public String className() {
            return className;
        }

        public String method() {
            return method;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Call)) {
                return false;
            }
            Call other = (Call) o;
            return java.util.Objects.equals(className, other.className)
                && java.util.Objects.equals(method, other.method);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(className, method);
        }

        @Override
        public String toString() {
            return "Call[className=" + className + ", method=" + method + "]";
        }
    }

    /** The last successful result for equal arguments, younger than {@code ttlNanos}; else the default throw. */
    static final class LastGood implements WhenOpen {
        private final long ttlNanos;
        private final int max;

        public LastGood(long ttlNanos, int max) {
            this.ttlNanos = ttlNanos;
            this.max = max;
        }

        public long ttlNanos() {
            return ttlNanos;
        }

        public int max() {
            return max;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof LastGood)) {
                return false;
            }
            LastGood other = (LastGood) o;
            return ttlNanos == other.ttlNanos
                && max == other.max;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(ttlNanos, max);
        }

        @Override
        public String toString() {
            return "LastGood[ttlNanos=" + ttlNanos + ", max=" + max + "]";
        }
    }
}
