package dev.tripswitch.log;

/**
 * ISO-8601 UTC timestamps ({@code 2026-11-25T16:57:26.004Z}) by arithmetic: the agent's
 * first log line is written while the application starts, and {@code java.time}'s
 * formatter would load some fifty classes for it.
 */
public final class Timestamps {
    private Timestamps() {
    }

    public static String iso(long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
        // civil date from days since 1970-01-01 (H. Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        StringBuilder out = new StringBuilder(24);
        out.append(year).append('-');
        two(out, month).append('-');
        two(out, day).append('T');
        two(out, millisOfDay / 3_600_000).append(':');
        two(out, millisOfDay / 60_000 % 60).append(':');
        two(out, millisOfDay / 1000 % 60).append('.');
        long ms = millisOfDay % 1000;
        return out.append(ms < 100 ? "0" : "").append(ms < 10 ? "0" : "").append(ms).append('Z').toString();
    }

    private static StringBuilder two(StringBuilder out, long value) {
        return out.append(value < 10 ? "0" : "").append(value);
    }
}
