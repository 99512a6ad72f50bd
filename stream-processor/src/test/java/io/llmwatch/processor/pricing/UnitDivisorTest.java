package io.llmwatch.processor.pricing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitDivisorTest {

    private static final MathContext CONTEXT = new MathContext(28, RoundingMode.HALF_EVEN);

    /** Equal as BigDecimal.equals has it: the same value at the same scale, so amounts print the same. */
    @Property(tries = 5_000)
    void dividesLikeBigDecimalDivideScaleIncluded(@ForAll("amounts") BigDecimal amount, @ForAll("pers") long per) {
        assertThat(UnitDivisor.of(per).divide(amount, CONTEXT)).isEqualTo(amount.divide(BigDecimal.valueOf(per), CONTEXT));
    }

    @Example
    void keepsTheAmountsScaleWhenTheQuotientFitsIt() {
        assertThat(UnitDivisor.of(1_000_000).divide(new BigDecimal("1500000.00"), CONTEXT)).isEqualTo(new BigDecimal("1.50"));
        assertThat(UnitDivisor.of(1_000_000).divide(new BigDecimal("180.00"), CONTEXT)).isEqualTo(new BigDecimal("0.00018"));
        assertThat(UnitDivisor.of(1_000_000).divide(new BigDecimal("0.000"), CONTEXT)).isEqualTo(new BigDecimal("0.000"));
    }

    @Example
    void roundsADivisionByAnythingElseToTheContext() {
        assertThat(UnitDivisor.of(3_600).divide(BigDecimal.ONE, CONTEXT))
                .isEqualTo(new BigDecimal("0.0002777777777777777777777777778"));
    }

    @Example
    void refusesANonPositivePer() {
        assertThatThrownBy(() -> UnitDivisor.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        Arbitrary<BigInteger> unscaled = Arbitraries.bigIntegers()
                .between(new BigInteger("-" + "9".repeat(30)), new BigInteger("9".repeat(30)))
                .edgeCases(edges -> edges.add(BigInteger.ZERO));
        Arbitrary<BigInteger> roundish = unscaled.map(value -> value.divide(BigInteger.TEN.pow(value.bitLength() % 20 + 1))
                .multiply(BigInteger.TEN.pow(value.bitLength() % 7)));
        return Arbitraries.oneOf(unscaled, roundish)
                .flatMap(value -> Arbitraries.integers().between(-12, 30).map(scale -> new BigDecimal(value, scale)));
    }

    @Provide
    Arbitrary<Long> pers() {
        return Arbitraries.of(1L, 10L, 1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000_000_000L, 3_600L, 7L, 60L);
    }
}
