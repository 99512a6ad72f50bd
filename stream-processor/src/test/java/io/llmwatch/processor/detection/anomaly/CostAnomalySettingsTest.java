package io.llmwatch.processor.detection.anomaly;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostAnomalySettingsTest {

    @Test
    void productionWarmsUpOnTheHundredBucketsScoredOnNab() {
        assertThat(CostAnomalySettings.DEFAULTS.detector().warmUpObservations()).isEqualTo(100);
        assertThat(CostAnomalySettings.DEFAULTS.detector()).isEqualTo(AnomalySettings.DEFAULTS);
    }

    @Test
    void aShorterWarmUpChangesNothingElse() {
        CostAnomalySettings demo = CostAnomalySettings.DEFAULTS.withWarmUpBuckets(50);

        assertThat(demo.detector().warmUpObservations()).isEqualTo(50);
        assertThat(demo.detector().withWarmUpObservations(100)).isEqualTo(AnomalySettings.DEFAULTS);
        assertThat(demo.bucket()).isEqualTo(CostAnomalySettings.DEFAULTS.bucket());
    }

    @Test
    void refusesAWarmUpShorterThanTheBaselinesMinimum() {
        assertThatThrownBy(() -> CostAnomalySettings.DEFAULTS.withWarmUpBuckets(31))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 buckets");
    }

    @Test
    void refusesAMaximumChanceThatIsNoProbabilityOfALuckyBucket() {
        CostAnomalySettings defaults = CostAnomalySettings.DEFAULTS;

        for (double chance : new double[] {0, 1, Double.NaN}) {
            assertThatThrownBy(() -> new CostAnomalySettings(defaults.bucket(), defaults.grace(), defaults.detector(),
                    defaults.scoreThreshold(), defaults.fireRatio(), defaults.resolveRatio(), defaults.minimumExcessUsd(),
                    chance, defaults.lifecycle(), defaults.maxGapBuckets()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maximumChance must be in (0, 1)");
        }
    }
}
