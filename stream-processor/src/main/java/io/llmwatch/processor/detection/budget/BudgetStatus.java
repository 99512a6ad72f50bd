package io.llmwatch.processor.detection.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A budget and how much of it is left, as {@code GET /api/budgets/{key}} returns it and the agent's BudgetGuard
 * reads it. Money is plain decimal strings in JSON.
 *
 * @param hour the current clock hour (UTC); {@code null} when the budget has no hourly cap
 * @param day  the current UTC day; {@code null} when the budget has no daily cap
 * @param exceeded whether any cap is reached: the moment an app should fall back
 */
public record BudgetStatus(String key, BigDecimal hourlyCapUsd, BigDecimal dailyCapUsd, Period hour, Period day,
                           boolean exceeded) {

    /**
     * One period's spend against its cap.
     *
     * @param reached the highest alert threshold the spend has reached (WARNING at 80%, EXCEEDED at 100%);
     *                {@code null} below 80%
     */
    public record Period(long periodStartMillis, BigDecimal capUsd, BigDecimal spentUsd, BigDecimal remainingUsd,
                         BudgetThreshold reached) {
    }

    public BudgetStatus {
        Objects.requireNonNull(key, "key");
    }

    /** @param state the key's spend, {@code null} when it spent nothing yet */
    public static BudgetStatus of(BudgetDefinition budget, BudgetState state, long nowMillis) {
        Period hour = period(budget, state, BudgetPeriod.HOUR, nowMillis);
        Period day = period(budget, state, BudgetPeriod.DAY, nowMillis);
        boolean exceeded = (hour != null && hour.remainingUsd().signum() == 0)
                || (day != null && day.remainingUsd().signum() == 0);
        return new BudgetStatus(budget.key(), budget.hourlyCapUsd(), budget.dailyCapUsd(), hour, day, exceeded);
    }

    private static Period period(BudgetDefinition budget, BudgetState state, BudgetPeriod period, long nowMillis) {
        BigDecimal cap = budget.capUsd(period).orElse(null);
        if (cap == null) {
            return null;
        }
        long start = period.startOf(nowMillis);
        PeriodSpend spend = state == null ? null : state.spend(period);
        // Spend of a period that has ended no longer counts: nothing was spent yet in the current one.
        BigDecimal spent = spend != null && spend.periodStartMillis() == start ? spend.spentUsd() : BigDecimal.ZERO;
        return new Period(start, cap, spent, cap.subtract(spent).max(BigDecimal.ZERO),
                BudgetThreshold.highestReached(spent, cap).orElse(null));
    }
}
