package io.llmwatch.processor.detection.anomaly;

import io.llmwatch.processor.cost.Money;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Evidence;
import io.llmwatch.processor.detection.lifecycle.Exemplars;
import io.llmwatch.processor.detection.lifecycle.Hysteresis;
import io.llmwatch.processor.detection.lifecycle.Incident;
import io.llmwatch.processor.detection.lifecycle.LifecycleState;
import io.llmwatch.processor.detection.lifecycle.NumberText;
import io.llmwatch.processor.detection.lifecycle.Reading;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import static io.llmwatch.processor.detection.lifecycle.NumberText.decimal;

/**
 * Cost anomalies of one key with the NAB-scored {@link CostAnomalyDetector}: the key's spend per bucket is the
 * series. Each call is scored as it arrives against the open bucket's spend so far, so a spike fires while its bucket
 * is still open; each bucket is scored again when it closes, which confirms, starts or ends an incident. The
 * detector's warm-up (100 buckets) keeps a new key quiet until its normal is known, and a bucket the key's usual
 * traffic could spend by chance ({@link SpendNoise}) never fires, however it scores.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store.
 */
public final class CostAnomalyRule {

    private static final String UNIT = "USD";

    private final CostAnomalySettings settings;
    private final CostAnomalyDetector detector;
    private final Hysteresis hysteresis;
    private final long bucketMillis;
    private final long graceMillis;

    public CostAnomalyRule(CostAnomalySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.detector = new CostAnomalyDetector(settings.detector());
        this.hysteresis = new Hysteresis(settings.lifecycle());
        this.bucketMillis = settings.bucket().toMillis();
        this.graceMillis = settings.grace().toMillis();
    }

    /**
     * Counts one priced call.
     *
     * @param previous the state returned for the previous call of this key, or {@code null} for its first
     */
    public DetectorStep<CostWatchState> step(CostWatchState previous, long eventTimeMillis, String traceId,
                                             BigDecimal costUsd) {
        CostWatchState state = previous == null
                ? new CostWatchState(bucketStartOf(eventTimeMillis), List.of(), eventTimeMillis, 0, null,
                        SpendNoise.NONE, LifecycleState.resolved(), Exemplars.none())
                : previous;
        List<Verdict> verdicts = new ArrayList<>();
        state = closeBucketsUpTo(state, Math.max(state.latestEventMillis(), eventTimeMillis), verdicts);

        if (bucketStartOf(eventTimeMillis) < state.firstOpenMillis()) {
            // Later than the grace, for a bucket already judged: it cannot change a verdict any more, and counting it
            // in a newer bucket would fake a spike there. Its money is in the attribution and the budgets all the same.
            return new DetectorStep<>(state, verdicts);
        }
        int index = (int) ((bucketStartOf(eventTimeMillis) - state.firstOpenMillis()) / bucketMillis);
        List<BucketSpend> open = new ArrayList<>(state.openBuckets());
        while (open.size() <= index) {
            open.add(BucketSpend.EMPTY);
        }
        BucketSpend bucket = open.get(index).plus(costUsd);
        open.set(index, bucket);
        state = new CostWatchState(state.firstOpenMillis(), open, state.latestEventMillis(), state.expectedUsd(),
                state.detector(), state.noise(), state.lifecycle(), state.exemplars().with(traceId));
        if (!state.lifecycle().incidentOpen() && mayBeAnomalous(bucket, state.expectedUsd())) {
            state = scoreOpenBucket(state, state.firstOpenMillis() + index * bucketMillis, bucket, eventTimeMillis,
                    verdicts);
        }
        return new DetectorStep<>(state, verdicts);
    }

    private long bucketStartOf(long eventTimeMillis) {
        return Math.floorDiv(eventTimeMillis, bucketMillis) * bucketMillis;
    }

    /**
     * Closes every bucket whose end plus the grace the newest event time has passed. A key silent for long closes
     * at most {@code maxGapBuckets} empty buckets, then resumes at the newest time.
     */
    private CostWatchState closeBucketsUpTo(CostWatchState state, long latestEventMillis, List<Verdict> verdicts) {
        long closeBefore = latestEventMillis - graceMillis;
        int closed = 0;
        while (state.firstOpenMillis() + bucketMillis <= closeBefore && closed < settings.maxGapBuckets()) {
            state = close(state, verdicts);
            closed++;
        }
        long firstOpen = state.firstOpenMillis();
        List<BucketSpend> open = state.openBuckets();
        if (firstOpen + bucketMillis <= closeBefore) {
            firstOpen = bucketStartOf(closeBefore);
            open = List.of();
        }
        return new CostWatchState(firstOpen, open, latestEventMillis, state.expectedUsd(), state.detector(),
                state.noise(), state.lifecycle(), state.exemplars());
    }

    /** A cheap test before scoring: the bucket already costs more than the fire ratio allows. */
    private boolean mayBeAnomalous(BucketSpend bucket, double expectedUsd) {
        return expectedUsd > 0 && bucket.usd().doubleValue() >= settings.fireRatio().doubleValue() * expectedUsd;
    }

    /** Early firing: an open bucket scored as if it closed now. Its state is not kept; only the close advances it. */
    private CostWatchState scoreOpenBucket(CostWatchState state, long bucketStartMillis, BucketSpend bucket,
                                           long eventTimeMillis, List<Verdict> verdicts) {
        CostAnomalyDetector.Step peek = detector.step(state.detector(), bucketStartMillis, bucket.usd());
        if (read(peek, bucket, state.noise()) != Reading.BREACHED) {
            return state;
        }
        Hysteresis.Step lifecycle = hysteresis.step(state.lifecycle(), Reading.BREACHED, eventTimeMillis);
        lifecycle.transition().ifPresent(transition ->
                verdicts.add(verdict(transition, bucketStartMillis, bucket.usd(), state.exemplars(), peek, true)));
        return new CostWatchState(state.firstOpenMillis(), state.openBuckets(), state.latestEventMillis(),
                state.expectedUsd(), state.detector(), state.noise(), lifecycle.state(), state.exemplars());
    }

    private CostWatchState close(CostWatchState state, List<Verdict> verdicts) {
        long bucketStart = state.firstOpenMillis();
        long bucketEnd = bucketStart + bucketMillis;
        BucketSpend bucket = state.openBuckets().isEmpty() ? BucketSpend.EMPTY : state.openBuckets().get(0);
        CostAnomalyDetector.Step scored = detector.step(state.detector(), bucketStart, bucket.usd());
        // An open bucket may fire while older ones still wait out their grace: those ended before its incident
        // began, so their calm says nothing about it and must not resolve it (to fire again when it closes).
        boolean predatesIncident = state.lifecycle().incidentOpen() && bucketEnd <= state.lifecycle().incidentStartMillis();
        Hysteresis.Step lifecycle = predatesIncident ? new Hysteresis.Step(state.lifecycle(), Optional.empty())
                : hysteresis.step(state.lifecycle(), read(scored, bucket, state.noise()), bucketEnd);
        lifecycle.transition().ifPresent(transition ->
                verdicts.add(verdict(transition, bucketStart, bucket.usd(), state.exemplars(), scored, false)));
        List<BucketSpend> stillOpen = state.openBuckets().isEmpty() ? List.of()
                : state.openBuckets().subList(1, state.openBuckets().size());
        Exemplars exemplars = lifecycle.state().incidentOpen() || !stillOpen.isEmpty() ? state.exemplars() : Exemplars.none();
        return new CostWatchState(bucketEnd, stillOpen, state.latestEventMillis(), scored.expected(),
                scored.state(), state.noise().learn(bucket, settings.detector()), lifecycle.state(), exemplars);
    }

    private Reading read(CostAnomalyDetector.Step scored, BucketSpend bucket, SpendNoise noise) {
        double observed = bucket.usd().doubleValue();
        double expected = Math.max(0, scored.expected());
        // A key that usually spends nothing in a bucket is too sparse to judge at this bucket size: budgets cover it.
        if (expected > 0 && scored.score() >= settings.scoreThreshold()
                && observed >= settings.fireRatio().doubleValue() * expected
                && observed - expected >= settings.minimumExcessUsd().doubleValue()
                && beyondChance(observed, noise)) {
            return Reading.BREACHED;
        }
        return observed <= settings.resolveRatio().doubleValue() * expected ? Reading.CLEAR : Reading.BORDERLINE;
    }

    /** Whether the key's usual traffic could not plausibly spend this much in one bucket: see {@link SpendNoise}. */
    private boolean beyondChance(double observedUsd, SpendNoise noise) {
        return noise.buckets() >= settings.detector().minimumBaselineObservations()
                && noise.chanceOfSpending(observedUsd) <= settings.maximumChance();
    }

    private Verdict verdict(Hysteresis.Transition transition, long bucketStartMillis, BigDecimal bucketUsd,
                            Exemplars exemplars, CostAnomalyDetector.Step scored, boolean bucketOpen) {
        double expected = Math.max(0, scored.expected());
        Evidence evidence = new Evidence(Money.format(bucketUsd), Money.format(BigDecimal.valueOf(expected)),
                UNIT, scored.score(), null, exemplars.traceIds());
        Incident incident = new Incident(transition.incident().id(), bucketStartMillis, bucketStartMillis + bucketMillis);
        if (transition.status() == AlertStatus.RESOLVED) {
            return new Verdict(AlertType.COST_ANOMALY, Severity.INFO, AlertStatus.RESOLVED, incident, evidence,
                    String.format(Locale.ROOT, "Cost back to normal: $%s in %ss against an expected $%s",
                            evidence.observed(), NumberText.seconds(settings.bucket()), evidence.expected()));
        }
        double ratio = bucketUsd.doubleValue() / expected;
        boolean critical = ratio >= 2 * settings.fireRatio().doubleValue();
        String when = bucketOpen ? "while the bucket is still open" : "when the bucket closed";
        return new Verdict(AlertType.COST_ANOMALY, critical ? Severity.CRITICAL : Severity.WARNING, AlertStatus.FIRING,
                incident, evidence, String.format(Locale.ROOT,
                        "Cost anomaly: $%s in %ss against an expected $%s (x%s, anomaly score %s), detected %s",
                        evidence.observed(), NumberText.seconds(settings.bucket()), evidence.expected(),
                        decimal(ratio), decimal(scored.score()), when));
    }
}
