package io.llmwatch.processor.detection.anomaly;

import io.llmwatch.processor.cost.Money;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Evidence;
import io.llmwatch.processor.detection.lifecycle.Exemplars;
import io.llmwatch.processor.detection.lifecycle.Hysteresis;
import io.llmwatch.processor.detection.lifecycle.Incident;
import io.llmwatch.processor.detection.lifecycle.LifecycleState;
import io.llmwatch.processor.detection.lifecycle.Reading;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static io.llmwatch.processor.detection.lifecycle.NumberText.decimal;

/**
 * Cost anomalies of one key with the NAB-scored {@link CostAnomalyDetector}: the key's spend per bucket is the
 * series. Each call is scored as it arrives against the open bucket's spend so far, so a spike fires while its bucket
 * is still open; each bucket is scored again when it closes, which confirms, starts or ends an incident. The
 * detector's warm-up (100 buckets) keeps a new key quiet until its normal is known.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store.
 */
public final class CostAnomalyRule {

    private static final String UNIT = "USD";

    private final CostAnomalySettings settings;
    private final CostAnomalyDetector detector;
    private final Hysteresis hysteresis;
    private final long bucketMillis;

    public CostAnomalyRule(CostAnomalySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.detector = new CostAnomalyDetector(settings.detector());
        this.hysteresis = new Hysteresis(settings.lifecycle());
        this.bucketMillis = settings.bucket().toMillis();
    }

    /**
     * Counts one priced call.
     *
     * @param previous the state returned for the previous call of this key, or {@code null} for its first
     */
    public DetectorStep<CostWatchState> step(CostWatchState previous, long eventTimeMillis, String traceId,
                                             BigDecimal costUsd) {
        long bucketStart = Math.floorDiv(eventTimeMillis, bucketMillis) * bucketMillis;
        CostWatchState state = previous == null
                ? new CostWatchState(bucketStart, BigDecimal.ZERO, 0, null, LifecycleState.resolved(), Exemplars.none())
                : previous;
        List<Verdict> verdicts = new ArrayList<>();
        if (bucketStart > state.bucketStartMillis()) {
            long closing = Math.min((bucketStart - state.bucketStartMillis()) / bucketMillis, settings.maxGapBuckets());
            for (long i = 0; i < closing; i++) {
                state = close(state, verdicts);
            }
            state = new CostWatchState(bucketStart, state.bucketCostUsd(), state.expectedUsd(), state.detector(),
                    state.lifecycle(), state.exemplars());
        }
        // A call later than its bucket counts in the open one: its money is not lost, only shifted by a bucket.
        state = new CostWatchState(state.bucketStartMillis(), state.bucketCostUsd().add(costUsd), state.expectedUsd(),
                state.detector(), state.lifecycle(), state.exemplars().with(traceId));
        if (!state.lifecycle().incidentOpen() && mayBeAnomalous(state.bucketCostUsd(), state.expectedUsd())) {
            state = scoreOpenBucket(state, eventTimeMillis, verdicts);
        }
        return new DetectorStep<>(state, verdicts);
    }

    /** A cheap test before scoring: the open bucket already costs more than the fire ratio allows. */
    private boolean mayBeAnomalous(BigDecimal spentUsd, double expectedUsd) {
        return expectedUsd > 0 && spentUsd.doubleValue() >= settings.fireRatio().doubleValue() * expectedUsd;
    }

    /** Early firing: the open bucket scored as if it closed now. Its state is not kept; only the close advances it. */
    private CostWatchState scoreOpenBucket(CostWatchState state, long eventTimeMillis, List<Verdict> verdicts) {
        CostAnomalyDetector.Step peek = detector.step(state.detector(), state.bucketStartMillis(), state.bucketCostUsd());
        if (read(peek, state.bucketCostUsd()) != Reading.BREACHED) {
            return state;
        }
        Hysteresis.Step lifecycle = hysteresis.step(state.lifecycle(), Reading.BREACHED, eventTimeMillis);
        lifecycle.transition().ifPresent(transition ->
                verdicts.add(verdict(transition, state, peek, "open_bucket")));
        return new CostWatchState(state.bucketStartMillis(), state.bucketCostUsd(), state.expectedUsd(), state.detector(),
                lifecycle.state(), state.exemplars());
    }

    private CostWatchState close(CostWatchState state, List<Verdict> verdicts) {
        CostAnomalyDetector.Step scored = detector.step(state.detector(), state.bucketStartMillis(), state.bucketCostUsd());
        long bucketEnd = state.bucketStartMillis() + bucketMillis;
        Hysteresis.Step lifecycle = hysteresis.step(state.lifecycle(), read(scored, state.bucketCostUsd()), bucketEnd);
        lifecycle.transition().ifPresent(transition ->
                verdicts.add(verdict(transition, state, scored, "closed_bucket")));
        Exemplars exemplars = lifecycle.state().incidentOpen() ? state.exemplars() : Exemplars.none();
        return new CostWatchState(bucketEnd, BigDecimal.ZERO, scored.expected(), scored.state(), lifecycle.state(),
                exemplars);
    }

    private Reading read(CostAnomalyDetector.Step scored, BigDecimal observedUsd) {
        double observed = observedUsd.doubleValue();
        double expected = Math.max(0, scored.expected());
        if (scored.score() >= settings.scoreThreshold()
                && observed >= settings.fireRatio().doubleValue() * expected
                && observed - expected >= settings.minimumExcessUsd().doubleValue()) {
            return Reading.BREACHED;
        }
        return observed <= settings.resolveRatio().doubleValue() * expected ? Reading.CLEAR : Reading.BORDERLINE;
    }

    private Verdict verdict(Hysteresis.Transition transition, CostWatchState state, CostAnomalyDetector.Step scored,
                            String firedOn) {
        double expected = Math.max(0, scored.expected());
        Evidence evidence = new Evidence(Money.format(state.bucketCostUsd()), Money.format(BigDecimal.valueOf(expected)),
                UNIT, scored.score(), null, state.exemplars().traceIds());
        Incident incident = new Incident(transition.incident().id(), state.bucketStartMillis(),
                state.bucketStartMillis() + bucketMillis);
        if (transition.status() == AlertStatus.RESOLVED) {
            return new Verdict(AlertType.COST_ANOMALY, Severity.INFO, AlertStatus.RESOLVED, incident, evidence,
                    String.format(Locale.ROOT, "Cost back to normal: $%s in %ds against an expected $%s",
                            evidence.observed(), settings.bucket().toSeconds(), evidence.expected()));
        }
        double ratio = expected > 0 ? state.bucketCostUsd().doubleValue() / expected : Double.POSITIVE_INFINITY;
        boolean critical = ratio >= 2 * settings.fireRatio().doubleValue();
        String when = "open_bucket".equals(firedOn) ? "while the bucket is still open" : "when the bucket closed";
        return new Verdict(AlertType.COST_ANOMALY, critical ? Severity.CRITICAL : Severity.WARNING, AlertStatus.FIRING,
                incident, evidence, String.format(Locale.ROOT,
                        "Cost anomaly: $%s in %ds against an expected $%s (x%s, anomaly score %s), detected %s",
                        evidence.observed(), settings.bucket().toSeconds(), evidence.expected(),
                        Double.isInfinite(ratio) ? "new" : decimal(ratio), decimal(scored.score()), when));
    }
}
