package io.llmwatch.processor.detection.budget;

import io.llmwatch.processor.cost.Money;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Evidence;
import io.llmwatch.processor.detection.lifecycle.Incident;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts a key's spend per UTC hour and per UTC day in event time and alerts when it reaches 80% of a cap (warning)
 * and 100% (critical), each at most once per period. When a period that alerted is over, its alert resolves and the
 * count starts again from zero: with the first spend of the next period, or earlier if the processor calls
 * {@link #advanceTo} from a punctuator. Spend that arrives for a period already over is too late to alert and is
 * dropped.
 *
 * <p>The warning and the critical alert of one period share an incident, so a pager sees one incident escalate
 * rather than two. Money stays exact throughout.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store.
 */
public final class BudgetRule {

    private static final String UNIT = "USD";

    /**
     * Counts one spend against the key's budget.
     *
     * @param previous   the state returned for the previous spend of this key, or {@code null} for its first
     * @param definition the key's budget as currently defined
     */
    public DetectorStep<BudgetState> step(BudgetState previous, BudgetDefinition definition, Spend spend) {
        BudgetState state = previous == null ? BudgetState.start(spend.eventTimeMillis()) : previous;
        DetectorStep<BudgetState> advanced = advanceTo(state, spend.eventTimeMillis());
        state = advanced.state();
        List<Verdict> verdicts = new ArrayList<>(advanced.verdicts());
        for (BudgetPeriod period : BudgetPeriod.values()) {
            PeriodSpend current = state.spend(period);
            if (period.startOf(spend.eventTimeMillis()) < current.periodStartMillis()) {
                continue;
            }
            PeriodSpend counted = new PeriodSpend(current.periodStartMillis(), current.spentUsd().add(spend.costUsd()),
                    current.alert());
            Optional<PeriodSpend> alerted = definition.capUsd(period).flatMap(cap -> newAlert(counted, cap))
                    .map(alert -> new PeriodSpend(counted.periodStartMillis(), counted.spentUsd(), alert));
            alerted.ifPresent(spent -> verdicts.add(firing(definition, period, spent)));
            state = state.with(period, alerted.orElse(counted));
        }
        return new DetectorStep<>(state, verdicts);
    }

    /**
     * Moves the key's periods on to the ones containing {@code timeMillis} (event or stream time), resolving the
     * alerts of the periods that ended. Periods never move back.
     */
    public DetectorStep<BudgetState> advanceTo(BudgetState state, long timeMillis) {
        BudgetState next = state;
        List<Verdict> verdicts = new ArrayList<>();
        for (BudgetPeriod period : BudgetPeriod.values()) {
            PeriodSpend current = state.spend(period);
            long periodStart = period.startOf(timeMillis);
            if (periodStart > current.periodStartMillis()) {
                if (current.alert() != null) {
                    verdicts.add(resolution(period, current));
                }
                next = next.with(period, PeriodSpend.start(periodStart));
            }
        }
        return new DetectorStep<>(next, verdicts);
    }

    /** An alert for the highest threshold the spend has reached, if no alert of this period covered it yet. */
    private static Optional<BudgetAlert> newAlert(PeriodSpend spend, BigDecimal capUsd) {
        return BudgetThreshold.highestReached(spend.spentUsd(), capUsd)
                .filter(highest -> highest.above(spend.alert()))
                .map(highest -> new BudgetAlert(highest, capUsd));
    }

    private static Verdict firing(BudgetDefinition definition, BudgetPeriod period, PeriodSpend spend) {
        BudgetAlert alert = spend.alert();
        String summary = String.format(Locale.ROOT, "%s spent $%s of its $%s %s budget (%s%%) since %s",
                definition.key(), Money.format(spend.spentUsd()), Money.format(alert.capUsd()), period.adjective(),
                percentOf(spend.spentUsd(), alert.capUsd()), Instant.ofEpochMilli(spend.periodStartMillis()));
        return new Verdict(AlertType.BUDGET, alert.threshold().severity(), AlertStatus.FIRING, incident(period, spend),
                evidence(spend), summary);
    }

    private static Verdict resolution(BudgetPeriod period, PeriodSpend ended) {
        String summary = String.format(Locale.ROOT, "The %s budget period from %s is over at $%s of $%s; the count restarts",
                period.adjective(), Instant.ofEpochMilli(ended.periodStartMillis()), Money.format(ended.spentUsd()),
                Money.format(ended.alert().capUsd()));
        return new Verdict(AlertType.BUDGET, Severity.INFO, AlertStatus.RESOLVED, incident(period, ended),
                evidence(ended), summary);
    }

    /** The period names the incident, so its warning, its critical alert and its resolution pair up. */
    private static Incident incident(BudgetPeriod period, PeriodSpend spend) {
        long start = spend.periodStartMillis();
        return new Incident(period.adjective() + "@" + start, start, start + period.lengthMillis());
    }

    /** Spent against the cap; the score is the share of the cap spent. */
    private static Evidence evidence(PeriodSpend spend) {
        BigDecimal capUsd = spend.alert().capUsd();
        double share = spend.spentUsd().divide(capUsd, MathContext.DECIMAL64).doubleValue();
        return new Evidence(Money.format(spend.spentUsd()), Money.format(capUsd), UNIT, share, null, List.of());
    }

    private static String percentOf(BigDecimal spentUsd, BigDecimal capUsd) {
        return spentUsd.multiply(BigDecimal.valueOf(100)).divide(capUsd, 0, RoundingMode.DOWN).toPlainString();
    }
}
