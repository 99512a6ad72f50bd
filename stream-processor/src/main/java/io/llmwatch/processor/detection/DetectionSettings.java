package io.llmwatch.processor.detection;

import io.llmwatch.processor.detection.anomaly.CostAnomalySettings;
import io.llmwatch.processor.detection.budget.BudgetDefinition;
import io.llmwatch.processor.detection.comparison.ShiftCriteria;
import io.llmwatch.processor.detection.comparison.WindowSizes;
import io.llmwatch.processor.detection.drift.DriftSettings;
import io.llmwatch.processor.detection.efficiency.EfficiencySettings;
import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;
import io.llmwatch.processor.detection.quality.QualitySettings;
import io.llmwatch.processor.detection.quality.heuristic.HeuristicSettings;
import io.llmwatch.processor.detection.regression.ErrorRateSettings;
import io.llmwatch.processor.detection.regression.LatencySettings;
import io.llmwatch.processor.detection.unpriced.UnpricedModelRule;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Tuning of every detector the topology runs.
 *
 * @param costSpike        the per-feature cost-spike rule (quick to warm up, 5 s buckets)
 * @param costAnomaly      the NAB-scored cost anomaly detector per feature, user, tenant, model and globally
 * @param budgets          budgets configured at start; the budgets topic adds to and overrides them
 * @param scoredQuality    quality degradation on agent-side and feedback scores
 * @param heuristicQuality quality degradation on llmwatch's heuristic scores, which come with every call
 * @param heuristics       the targets of the latency and token heuristics
 * @param drift            prompt drift
 * @param latency          latency and time-to-first-token regressions
 * @param errors           error-rate regressions
 * @param efficiency       inefficient prompt versions (quality per dollar)
 * @param unpricedWindow   an unpriced model is named at most once per window
 */
public record DetectionSettings(
        CostSpikeSettings costSpike,
        CostAnomalySettings costAnomaly,
        List<BudgetDefinition> budgets,
        QualitySettings scoredQuality,
        QualitySettings heuristicQuality,
        HeuristicSettings heuristics,
        DriftSettings drift,
        LatencySettings latency,
        ErrorRateSettings errors,
        EfficiencySettings efficiency,
        Duration unpricedWindow) {

    /**
     * Heuristic scores arrive with every call, so they are judged every 10 scores on windows of 200 against 800:
     * a steady heuristic (a few truncations per hundred calls) does not wander by chance, and the comparison does
     * not run ten thousand times a second.
     */
    public static final QualitySettings HEURISTIC_QUALITY = new QualitySettings(new WindowSizes(200, 800),
            new ShiftCriteria(50, 0.001, 0.1), 0.85, 0.95, 0.7, 10, new LifecycleSettings(3, 10));

    public static final DetectionSettings DEFAULTS = new DetectionSettings(CostSpikeSettings.DEFAULTS,
            CostAnomalySettings.DEFAULTS, List.of(), QualitySettings.DEFAULTS, HEURISTIC_QUALITY,
            HeuristicSettings.DEFAULTS, DriftSettings.DEFAULTS, LatencySettings.DEFAULTS, ErrorRateSettings.DEFAULTS,
            EfficiencySettings.DEFAULTS, UnpricedModelRule.DEFAULT_WINDOW);

    public DetectionSettings {
        Objects.requireNonNull(costSpike, "costSpike");
        Objects.requireNonNull(costAnomaly, "costAnomaly");
        budgets = List.copyOf(budgets);
        Objects.requireNonNull(scoredQuality, "scoredQuality");
        Objects.requireNonNull(heuristicQuality, "heuristicQuality");
        Objects.requireNonNull(heuristics, "heuristics");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(efficiency, "efficiency");
        Objects.requireNonNull(unpricedWindow, "unpricedWindow");
    }

    /** The same with another cost-anomaly bucket, for runs (demo, benchmark) that cannot wait 100 minutes of warm-up. */
    public DetectionSettings withCostAnomalyBucket(Duration bucket, Duration grace) {
        return withCostAnomaly(costAnomaly.withBucket(bucket, grace));
    }

    /** The same with another cost-anomaly rule, e.g. a shorter bucket and warm-up for a demo. */
    public DetectionSettings withCostAnomaly(CostAnomalySettings newCostAnomaly) {
        return new DetectionSettings(costSpike, newCostAnomaly, budgets, scoredQuality, heuristicQuality, heuristics,
                drift, latency, errors, efficiency, unpricedWindow);
    }

    public DetectionSettings withBudgets(List<BudgetDefinition> newBudgets) {
        return new DetectionSettings(costSpike, costAnomaly, newBudgets, scoredQuality, heuristicQuality, heuristics,
                drift, latency, errors, efficiency, unpricedWindow);
    }
}
