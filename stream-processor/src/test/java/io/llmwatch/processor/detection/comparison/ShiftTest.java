package io.llmwatch.processor.detection.comparison;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class ShiftTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void agreesWithCommonsMathOnUntiedSamples(long seed) {
        Random random = new Random(seed);
        double[] before = random.doubles(80).map(x -> x * 10).toArray();
        double[] after = random.doubles(40).map(x -> x * 10 + 1).toArray();

        Shift shift = Shift.between(before, after);

        assertThat(shift.pValue()).isCloseTo(new MannWhitneyUTest().mannWhitneyUTest(before, after), within(1e-9));
    }

    @Test
    void cliffsDeltaCountsPairsInWhichAfterIsLargerMinusThoseInWhichItIsSmaller() {
        Shift allLarger = Shift.between(new double[] {1, 2, 3}, new double[] {4, 5});
        Shift allSmaller = Shift.between(new double[] {4, 5}, new double[] {1, 2, 3});
        // Pairs (before, after): (1,2) up, (3,2) down, (1,1) tie, (3,1) down: (1 - 2) / 4.
        Shift mixed = Shift.between(new double[] {1, 3}, new double[] {2, 1});

        assertThat(allLarger.cliffsDelta()).isEqualTo(1.0);
        assertThat(allSmaller.cliffsDelta()).isEqualTo(-1.0);
        assertThat(mixed.cliffsDelta()).isEqualTo(-0.25);
    }

    @Test
    void identicalConstantSamplesShowNoShift() {
        Shift shift = Shift.between(new double[] {1, 1, 1, 1}, new double[] {1, 1, 1});

        assertThat(shift.cliffsDelta()).isZero();
        assertThat(shift.pValue()).isEqualTo(1.0);
        assertThat(shift.medianRatio()).isEqualTo(1.0);
    }

    @Test
    void theTieCorrectionSeesAPassRateDropThatTheUncorrectedTestUnderstates() {
        double[] before = passFail(200, 190);
        double[] after = passFail(50, 40);

        Shift shift = Shift.between(before, after);

        assertThat(shift.pValue()).isLessThan(0.01)
                .isLessThan(new MannWhitneyUTest().mannWhitneyUTest(before, after) / 10);
        assertThat(shift.cliffsDelta()).isCloseTo(0.8 - 0.95, within(1e-12));
    }

    @Test
    void onPassFailValuesTheTestIsThePooledTwoProportionZTest() {
        int n1 = 1_500;
        int n2 = 300;
        double[] before = passFail(n1, n1 - 15);
        double[] after = passFail(n2, n2 - 30);
        double p1 = 15.0 / n1;
        double p2 = 30.0 / n2;
        double pooled = (15.0 + 30.0) / (n1 + n2);
        double z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double twoProportion = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z));

        Shift shift = Shift.between(before, after);

        assertThat(shift.pValue()).isCloseTo(twoProportion, withinPercentage(5));
        assertThat(shift.cliffsDelta()).isCloseTo(p1 - p2, within(1e-12));
    }

    @Test
    void reportsMeansAndMedians() {
        Shift shift = Shift.between(new double[] {1, 2, 3, 100}, new double[] {10, 20, 30});

        assertThat(shift.beforeMean()).isEqualTo(26.5);
        assertThat(shift.beforeMedian()).isEqualTo(2.5);
        assertThat(shift.afterMedian()).isEqualTo(20.0);
        assertThat(shift.medianRatio()).isEqualTo(8.0);
    }

    @Test
    void rejectsEmptySamplesAndNaN() {
        assertThatThrownBy(() -> Shift.between(new double[0], new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shift.between(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] passFail(int count, int passed) {
        double[] values = new double[count];
        for (int i = 0; i < passed; i++) {
            values[i] = 1;
        }
        return values;
    }
}
