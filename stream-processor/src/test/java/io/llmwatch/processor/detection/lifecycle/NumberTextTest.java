package io.llmwatch.processor.detection.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class NumberTextTest {

    @Test
    void decimalsKeepFourSignificantDigitsWithoutAnExponent() {
        assertThat(NumberText.decimal(0.723456)).isEqualTo("0.7235");
        assertThat(NumberText.decimal(1_250.0)).isEqualTo("1250");
        assertThat(NumberText.decimal(123_456.0)).isEqualTo("123500");
        assertThat(NumberText.decimal(0.0000123456)).isEqualTo("0.00001235");
        assertThat(NumberText.decimal(0.0)).isEqualTo("0");
    }

    @Test
    void secondsKeepTheFractionOfASubSecondBucket() {
        assertThat(NumberText.seconds(Duration.ofMinutes(1))).isEqualTo("60");
        assertThat(NumberText.seconds(Duration.ofSeconds(1))).isEqualTo("1");
        assertThat(NumberText.seconds(Duration.ofMillis(500))).isEqualTo("0.5");
    }

    @Test
    void pValuesAndChangesReadTheSameInEveryLocale() {
        assertThat(NumberText.pValue(0.000032)).isEqualTo("3.2e-05");
        assertThat(NumberText.percentChange(200, 296)).isEqualTo("+48%");
        assertThat(NumberText.percentChange(0.9, 0.71)).isEqualTo("-21%");
        assertThat(NumberText.percentChange(0, 5)).isEqualTo("new");
    }
}
