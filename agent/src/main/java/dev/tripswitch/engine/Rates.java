package dev.tripswitch.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats percentages as people write them: {@code 50}, {@code 62.5}, {@code 33.33}. */
final class Rates {
    private Rates() {
    }

    static String format(double percent) {
        return BigDecimal.valueOf(percent).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
