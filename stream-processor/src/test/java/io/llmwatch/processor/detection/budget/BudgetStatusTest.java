package io.llmwatch.processor.detection.budget;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetStatusTest {

    private static final long NOON = Instant.parse("2026-11-26T12:30:00Z").toEpochMilli();
    private static final BudgetDefinition ACME = new BudgetDefinition("tenant|acme", new BigDecimal("10"), new BigDecimal("100"));

    private static BudgetState spent(long at, String usd) {
        BudgetState state = BudgetState.start(at);
        return state.with(BudgetPeriod.HOUR, new PeriodSpend(BudgetPeriod.HOUR.startOf(at), new BigDecimal(usd), null))
                .with(BudgetPeriod.DAY, new PeriodSpend(BudgetPeriod.DAY.startOf(at), new BigDecimal(usd), null));
    }

    @Test
    void remainingIsTheCapLessTheCurrentPeriodsSpend() {
        BudgetStatus status = BudgetStatus.of(ACME, spent(NOON, "7.25"), NOON);

        assertThat(status.hour().remainingUsd()).isEqualByComparingTo("2.75");
        assertThat(status.day().remainingUsd()).isEqualByComparingTo("92.75");
        assertThat(status.exceeded()).isFalse();
    }

    @Test
    void eachPeriodSaysWhichAlertThresholdItsSpendReached() {
        BudgetStatus belowWarning = BudgetStatus.of(ACME, spent(NOON, "7.99"), NOON);
        BudgetStatus atWarning = BudgetStatus.of(ACME, spent(NOON, "8"), NOON);
        BudgetStatus atCap = BudgetStatus.of(ACME, spent(NOON, "10"), NOON);

        assertThat(belowWarning.hour().reached()).isNull();
        assertThat(atWarning.hour().reached()).isEqualTo(BudgetThreshold.WARNING);
        assertThat(atWarning.day().reached()).isNull();
        assertThat(atCap.hour().reached()).isEqualTo(BudgetThreshold.EXCEEDED);
        assertThat(atCap.exceeded()).isTrue();
    }

    @Test
    void aReachedCapIsExceededWithNothingRemaining() {
        BudgetStatus status = BudgetStatus.of(ACME, spent(NOON, "12"), NOON);

        assertThat(status.hour().remainingUsd()).isEqualByComparingTo("0");
        assertThat(status.exceeded()).isTrue();
    }

    @Test
    void spendOfAnEndedHourNoLongerCounts() {
        long anHourLater = NOON + 3_600_000;

        BudgetStatus status = BudgetStatus.of(ACME, spent(NOON, "12"), anHourLater);

        assertThat(status.hour().spentUsd()).isEqualByComparingTo("0");
        assertThat(status.day().spentUsd()).isEqualByComparingTo("12");
        assertThat(status.exceeded()).isFalse();
    }

    @Test
    void aKeyThatSpentNothingHasItsWholeCapLeftAndNoCapMeansNoPeriod() {
        BudgetStatus status = BudgetStatus.of(new BudgetDefinition("user|u-1", null, new BigDecimal("5")), null, NOON);

        assertThat(status.hour()).isNull();
        assertThat(status.day().remainingUsd()).isEqualByComparingTo("5");
    }
}
