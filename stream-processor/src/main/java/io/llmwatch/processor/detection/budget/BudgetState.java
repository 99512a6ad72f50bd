package io.llmwatch.processor.detection.budget;

import java.util.Objects;

/**
 * What {@link BudgetRule} remembers of one key: the spend of its current hour and current day. Spend is tracked for
 * both periods whether or not they are capped, so a cap added mid-period is judged on the whole period.
 */
public record BudgetState(PeriodSpend hour, PeriodSpend day) {

    public BudgetState {
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(day, "day");
    }

    static BudgetState start(long eventTimeMillis) {
        return new BudgetState(PeriodSpend.start(BudgetPeriod.HOUR.startOf(eventTimeMillis)),
                PeriodSpend.start(BudgetPeriod.DAY.startOf(eventTimeMillis)));
    }

    PeriodSpend spend(BudgetPeriod period) {
        return period == BudgetPeriod.HOUR ? hour : day;
    }

    BudgetState with(BudgetPeriod period, PeriodSpend spend) {
        return period == BudgetPeriod.HOUR ? new BudgetState(spend, day) : new BudgetState(hour, spend);
    }
}
