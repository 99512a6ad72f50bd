package io.llmwatch.processor.cost;

import java.math.BigDecimal;

/** How llmwatch writes an amount of USD: a plain decimal string with no exponent and no trailing zeros. */
public final class Money {

    private Money() {
    }

    public static String format(BigDecimal usd) {
        return usd.signum() == 0 ? "0" : usd.stripTrailingZeros().toPlainString();
    }
}
