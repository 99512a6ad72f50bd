package io.llmwatch.processor.detection.anomaly;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalySettingsTest {

    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void rejectsAScaleLongerThanTheBaseline() {
        assertThatThrownBy(() -> new AnomalySettings(16, List.of(1, 32), 8_000, 5, 25, 100, WEEK, 24, 0.02))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scales");
    }

    @Test
    void rejectsARecordThatCouldNotGrow() {
        assertThatThrownBy(() -> new AnomalySettings(128, List.of(1), 8_000, 1, 25, 100, WEEK, 24, 0.02))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recordGrowthLimit");
    }

    @Test
    void rejectsSlotsThatDoNotDivideADay() {
        assertThatThrownBy(() -> new AnomalySettings(128, List.of(1), 8_000, 5, 25, 100, WEEK, 7, 0.02))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seasonalSlotsPerDay");
    }

    @Test
    void rejectsALearningRateOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new AnomalySettings(128, List.of(1), 8_000, 5, 25, 100, WEEK, 24, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seasonalLearningRate");
    }
}
