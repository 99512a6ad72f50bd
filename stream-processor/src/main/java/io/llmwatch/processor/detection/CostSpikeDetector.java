package io.llmwatch.processor.detection;

import io.llmwatch.processor.detection.CostSpikeState.Exemplar;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The walking skeleton's cost rule: per key, the cost of the current time bucket against an
 * exponentially weighted baseline of the buckets before it.
 *
 * <p>It is scored as each event arrives, so it fires while the bucket is still open instead of
 * waiting for it to close. To fire, the open bucket must cost more than {@code fireRatio} times the
 * baseline and also more than the baseline plus {@code deviations} times the key's usual swing
 * (its exponentially weighted mean absolute deviation), so a bursty key needs a bigger jump than a
 * steady one. A bucket that spiked without firing enters the baseline capped at the firing level,
 * and the baseline is frozen while an alert is open, so an incident never becomes the new normal.
 * It resolves only after several calm buckets in a row, so it does not flap. Buckets with no
 * traffic count as zero cost.
 *
 * <p>Stateless itself: state goes in and comes out, so it can live in a state store.
 */
public final class CostSpikeDetector {

    /** Gaps longer than this many buckets just reset the baseline to zero; no need to fold each one. */
    private static final int MAX_EMPTY_BUCKETS_FOLDED = 1_000;
    private static final MathContext BASELINE_PRECISION = MathContext.DECIMAL64;

    private final CostSpikeSettings settings;
    private final long bucketMillis;

    public CostSpikeDetector(CostSpikeSettings settings) {
        this.settings = settings;
        this.bucketMillis = settings.bucket().toMillis();
    }

    /** The outcome of one observation: the new state and, when the alert changed, the transition. */
    public record Step(CostSpikeState state, Optional<Transition> transition) {
    }

    /**
     * A change of the alert.
     *
     * @param windowStartMillis start of the bucket that fired (also for the resolution, so both name one incident)
     */
    public record Transition(boolean firing, long windowStartMillis, long windowEndMillis,
                             BigDecimal observedUsd, BigDecimal expectedUsd, List<String> exemplarTraceIds) {
    }

    public Step observe(CostSpikeState previous, long eventTimeMillis, String traceId, BigDecimal costUsd) {
        long bucketStart = Math.floorDiv(eventTimeMillis, bucketMillis) * bucketMillis;
        CostSpikeState state = previous == null ? CostSpikeState.start(bucketStart) : previous;
        Optional<Transition> resolution = Optional.empty();
        if (bucketStart > state.bucketStartMillis()) {
            ClosedBuckets closed = closeBuckets(state, bucketStart);
            state = closed.state;
            resolution = closed.resolution;
        } else if (bucketStart < state.bucketStartMillis()) {
            // Late for a bucket already judged: it cannot change a verdict any more.
            return new Step(state, Optional.empty());
        }
        state = add(state, traceId, costUsd);
        if (resolution.isPresent()) {
            return new Step(state, resolution);
        }
        return maybeFire(state);
    }

    private record ClosedBuckets(CostSpikeState state, Optional<Transition> resolution) {
    }

    private ClosedBuckets closeBuckets(CostSpikeState state, long newBucketStart) {
        BigDecimal closedCost = state.bucketCostUsd();
        long emptyBuckets = (newBucketStart - state.bucketStartMillis()) / bucketMillis - 1;
        BigDecimal baseline = state.baselineUsd();
        BigDecimal deviation = state.deviationUsd();
        int closedBuckets = state.closedBuckets();
        // The first bucket of a key began before its first event was seen, so it is partial and would
        // understate the baseline. While an alert is open the baseline is frozen: an incident must not
        // teach the rule that the incident is normal.
        if (!state.openBucketPartial() && !state.firing()) {
            Baseline folded = fold(new Baseline(baseline, deviation), capAtFiringLevel(closedCost, baseline));
            for (long i = 0; i < Math.min(emptyBuckets, MAX_EMPTY_BUCKETS_FOLDED); i++) {
                folded = fold(folded, BigDecimal.ZERO);
            }
            baseline = folded.mean();
            deviation = folded.deviation();
            closedBuckets = (int) Math.min(settings.warmupBuckets(), closedBuckets + 1 + emptyBuckets);
        }
        boolean calm = baseline == null || closedCost.compareTo(baseline.multiply(settings.resolveRatio())) <= 0;
        // Empty buckets cost nothing, so they are calm too.
        long calmRun = calm ? state.calmBuckets() + 1 + emptyBuckets : 0;
        int calmBuckets = state.firing() ? (int) Math.min(calmRun, settings.calmBucketsToResolve()) : 0;

        Optional<Transition> resolution = Optional.empty();
        boolean firing = state.firing();
        if (firing && calmBuckets >= settings.calmBucketsToResolve()) {
            firing = false;
            calmBuckets = 0;
            resolution = Optional.of(new Transition(false, state.firedBucketStartMillis(),
                    state.firedBucketStartMillis() + bucketMillis, closedCost, baseline, List.of()));
        }
        CostSpikeState next = new CostSpikeState(newBucketStart, BigDecimal.ZERO, false, baseline, deviation,
                closedBuckets, firing, calmBuckets, state.firedBucketStartMillis(), List.of());
        return new ClosedBuckets(next, resolution);
    }

    private BigDecimal capAtFiringLevel(BigDecimal cost, BigDecimal baseline) {
        if (baseline == null || baseline.signum() == 0) {
            return cost;
        }
        return cost.min(baseline.multiply(settings.fireRatio()));
    }

    /** Exponentially weighted mean of bucket costs and of their absolute deviation from it; mean is null before any bucket. */
    private record Baseline(BigDecimal mean, BigDecimal deviation) {
    }

    private Baseline fold(Baseline baseline, BigDecimal bucketCost) {
        if (baseline.mean() == null) {
            return new Baseline(bucketCost, BigDecimal.ZERO);
        }
        BigDecimal alpha = settings.smoothing();
        BigDecimal keep = BigDecimal.ONE.subtract(alpha);
        BigDecimal deviation = alpha.multiply(bucketCost.subtract(baseline.mean()).abs())
                .add(keep.multiply(baseline.deviation())).round(BASELINE_PRECISION);
        BigDecimal mean = alpha.multiply(bucketCost).add(keep.multiply(baseline.mean())).round(BASELINE_PRECISION);
        return new Baseline(mean, deviation);
    }

    private static CostSpikeState add(CostSpikeState state, String traceId, BigDecimal costUsd) {
        List<Exemplar> exemplars = new ArrayList<>(state.exemplars());
        exemplars.add(new Exemplar(traceId, costUsd));
        exemplars.sort(Comparator.comparing(Exemplar::costUsd).reversed());
        if (exemplars.size() > CostSpikeState.MAX_EXEMPLARS) {
            exemplars = exemplars.subList(0, CostSpikeState.MAX_EXEMPLARS);
        }
        return new CostSpikeState(state.bucketStartMillis(), state.bucketCostUsd().add(costUsd),
                state.openBucketPartial(), state.baselineUsd(), state.deviationUsd(), state.closedBuckets(), state.firing(), state.calmBuckets(),
                state.firedBucketStartMillis(), List.copyOf(exemplars));
    }

    private Step maybeFire(CostSpikeState state) {
        BigDecimal baseline = state.baselineUsd();
        boolean warm = state.closedBuckets() >= settings.warmupBuckets() && baseline != null;
        if (state.firing() || !warm) {
            return new Step(state, Optional.empty());
        }
        BigDecimal cost = state.bucketCostUsd();
        BigDecimal usualSwing = state.deviationUsd().multiply(settings.deviations());
        boolean spike = cost.compareTo(settings.minimumCostUsd()) >= 0
                && cost.compareTo(baseline.multiply(settings.fireRatio())) > 0
                && cost.compareTo(baseline.add(usualSwing)) > 0;
        if (!spike) {
            return new Step(state, Optional.empty());
        }
        CostSpikeState fired = new CostSpikeState(state.bucketStartMillis(), cost, false, baseline, state.deviationUsd(),
                state.closedBuckets(), true, 0, state.bucketStartMillis(), state.exemplars());
        Transition transition = new Transition(true, state.bucketStartMillis(), state.bucketStartMillis() + bucketMillis,
                cost, baseline, state.exemplars().stream().map(Exemplar::traceId).toList());
        return new Step(fired, Optional.of(transition));
    }

    /** observed / expected, the alert's score; empty when nothing was expected. */
    public static Optional<Double> ratio(BigDecimal observed, BigDecimal expected) {
        if (expected.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(observed.divide(expected, MathContext.DECIMAL64).setScale(4, RoundingMode.HALF_UP).doubleValue());
    }
}
