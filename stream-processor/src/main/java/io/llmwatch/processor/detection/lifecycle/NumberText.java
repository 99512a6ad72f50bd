package io.llmwatch.processor.detection.lifecycle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/**
 * How verdicts and reports write measured numbers: four significant digits are plenty for a statistic, and more
 * would pretend a precision the samples do not have. Locale-independent, so summaries read the same everywhere.
 */
public final class NumberText {

    private static final MathContext SIGNIFICANT = new MathContext(4);

    private NumberText() {
    }

    /** The value rounded to four significant digits. */
    public static BigDecimal rounded(double value) {
        BigDecimal decimal = new BigDecimal(value).round(SIGNIFICANT);
        return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    }

    /** A duration in seconds as summaries say it: {@code 60}, {@code 1} or {@code 0.5}, never a rounded-down 0. */
    public static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** The value as a plain decimal string with four significant digits, e.g. {@code 0.7234} or {@code 1250}. */
    public static String decimal(double value) {
        return rounded(value).toPlainString();
    }

    /** A p-value, e.g. {@code 3.2e-05}. */
    public static String pValue(double pValue) {
        return String.format(Locale.ROOT, "%.2g", pValue);
    }

    /** The change from {@code from} to {@code to} in percent, signed, e.g. {@code +48%} or {@code -21%}. */
    public static String percentChange(double from, double to) {
        if (from == 0) {
            return to == 0 ? "+0%" : "new";
        }
        return String.format(Locale.ROOT, "%+.0f%%", (to - from) / Math.abs(from) * 100);
    }
}
