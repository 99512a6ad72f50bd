package io.llmwatch.processor.pricing;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Divides an amount by a unit's {@code per} with the same result, scale included, as
 * {@code amount.divide(BigDecimal.valueOf(per), context)}. Nearly every unit is priced per thousand or per million,
 * and dividing by a power of ten is moving the decimal point; BigDecimal's long division allocated more than all
 * the rest of pricing a span, once per priced unit of every call.
 */
final class UnitDivisor {

    private static final long[] POWERS_OF_TEN = powersOfTen();

    private final BigDecimal per;
    /** The exponent when {@code per} is a power of ten, else -1. */
    private final int exponent;

    private UnitDivisor(long per, int exponent) {
        this.per = BigDecimal.valueOf(per);
        this.exponent = exponent;
    }

    static UnitDivisor of(long per) {
        if (per <= 0) {
            throw new IllegalArgumentException("per must be positive, got " + per);
        }
        for (int exponent = 0; exponent < POWERS_OF_TEN.length; exponent++) {
            if (POWERS_OF_TEN[exponent] == per) {
                return new UnitDivisor(per, exponent);
            }
        }
        return new UnitDivisor(per, -1);
    }

    BigDecimal divide(BigDecimal amount, MathContext context) {
        if (exponent < 0 || amount.precision() > context.getPrecision()) {
            return amount.divide(per, context);
        }
        if (amount.signum() == 0) {
            return amount;
        }
        // The quotient is exact in as many digits as the amount has. BigDecimal.divide returns it at the preferred
        // scale, the amount's, or at the smallest scale above that which still holds it exactly.
        BigDecimal quotient = amount.scaleByPowerOfTen(-exponent).stripTrailingZeros();
        return quotient.scale() < amount.scale() ? quotient.setScale(amount.scale()) : quotient;
    }

    private static long[] powersOfTen() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
