package dev.tripswitch.log;

/**
 * A value as it may appear in a log line: keys, reasons and failure messages come from the
 * application's data and from remote servers, so a newline in one could forge a line of
 * its own. Control characters are written as escapes, and a value that is not a plain
 * token is quoted, so every field stays one field of one line.
 */
public final class LogValue {
    private LogValue() {
    }

    /** {@code value} bare when it is a plain token ({@code api.acme.com:443}), else quoted and escaped. */
    public static String of(String value) {
        if (value == null) {
            return "-";
        }
        if (!value.isEmpty() && isPlain(value)) {
            return value;
        }
        return quoted(value);
    }

    /** {@code value} in double quotes, with quotes, backslashes and control characters escaped. */
    public static String quoted(String value) {
        return escape(value, true);
    }

    /** A whole message kept on one line: control characters escaped, nothing quoted. */
    public static String oneLine(String message) {
        for (int i = 0; i < message.length(); i++) {
            if (breaks(message.charAt(i))) {
                return escape(message, false);
            }
        }
        return message;
    }

    private static boolean breaks(char c) {
        return c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085';
    }

    private static String escape(String value, boolean quote) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        if (quote) {
            out.append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append(quote ? "\\\"" : "\"");
                    break;
                case '\\':
                    out.append(quote ? "\\\\" : "\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default: {
                    if (breaks(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                    break;
                }
            }
        }
        return quote ? out.append('"').toString() : out.toString();
    }

    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ".:/_-@[]%+,".indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
