package io.llmwatch.processor.detection;

import io.llmwatch.processor.detection.CostSpikeDetector.Step;
import io.llmwatch.processor.detection.CostSpikeDetector.Transition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CostSpikeDetectorTest {

    private static final long BUCKET = 10_000;
    private static final CostSpikeSettings SETTINGS = new CostSpikeSettings(Duration.ofMillis(BUCKET),
            new BigDecimal("0.3"), new BigDecimal("3"), new BigDecimal("4"), new BigDecimal("1.5"), 2, 3,
            new BigDecimal("0.01"));

    private final CostSpikeDetector detector = new CostSpikeDetector(SETTINGS);
    private CostSpikeState state;
    private final List<Transition> transitions = new ArrayList<>();

    private void observe(long bucketIndex, int calls, String costPerCall) {
        for (int i = 0; i < calls; i++) {
            Step step = detector.observe(state, bucketIndex * BUCKET + i, "trace-" + bucketIndex + "-" + i,
                    new BigDecimal(costPerCall));
            state = step.state();
            step.transition().ifPresent(transitions::add);
        }
    }

    private void steadyTraffic(long fromBucket, long toBucket) {
        for (long bucket = fromBucket; bucket <= toBucket; bucket++) {
            observe(bucket, 10, "0.01");
        }
    }

    @Test
    void steadyTrafficNeverFires() {
        steadyTraffic(0, 50);

        assertThat(transitions).isEmpty();
        assertThat(state.baselineUsd()).isEqualByComparingTo("0.1");
    }

    @Test
    void firesWhileTheSpikingBucketIsStillOpen() {
        steadyTraffic(0, 5);

        observe(6, 31, "0.01");

        assertThat(transitions).singleElement().satisfies(fired -> {
            assertThat(fired.firing()).isTrue();
            assertThat(fired.windowStartMillis()).isEqualTo(6 * BUCKET);
            assertThat(fired.observedUsd()).isEqualByComparingTo("0.31");
            assertThat(fired.expectedUsd()).isEqualByComparingTo("0.1");
            assertThat(fired.exemplarTraceIds()).hasSize(CostSpikeState.MAX_EXEMPLARS);
        });
    }

    @Test
    void doesNotFireBeforeWarmUp() {
        observe(0, 1, "0.01");
        observe(1, 100, "0.01");

        assertThat(transitions).isEmpty();
    }

    @Test
    void ignoresSpikesBelowTheMinimumCost() {
        for (long bucket = 0; bucket <= 5; bucket++) {
            observe(bucket, 1, "0.0001");
        }
        observe(6, 1, "0.009");
        assertThat(transitions).isEmpty();

        observe(7, 1, "0.011");
        assertThat(transitions).singleElement().extracting(Transition::firing).isEqualTo(true);
    }

    @Test
    void resolvesOnlyAfterEnoughCalmBucketsAndNamesTheSameWindow() {
        steadyTraffic(0, 5);
        observe(6, 80, "0.01");
        observe(7, 80, "0.01");
        steadyTraffic(8, 8);
        assertThat(transitions).hasSize(1);

        steadyTraffic(9, 10);

        assertThat(transitions).hasSize(2);
        Transition resolved = transitions.get(1);
        assertThat(resolved.firing()).isFalse();
        assertThat(resolved.windowStartMillis()).isEqualTo(transitions.get(0).windowStartMillis());
    }

    @Test
    void theBaselineIsFrozenWhileAnAlertIsOpen() {
        steadyTraffic(0, 5);
        observe(6, 1_000, "0.01");
        observe(7, 1_000, "0.01");
        steadyTraffic(8, 8);

        assertThat(state.firing()).isTrue();
        assertThat(state.baselineUsd()).isEqualByComparingTo("0.1");
    }

    @Test
    void aSpikeThatDidNotFireEntersTheBaselineCappedAtTheFiringLevel() {
        for (long bucket = 0; bucket <= 5; bucket++) {
            observe(bucket, 1, "0.001");
        }
        observe(6, 1, "0.009");
        observe(7, 1, "0.001");

        // $0.009 stayed under the minimum cost, so it did not fire; it is folded as 3 x 0.001: 0.3 * 0.003 + 0.7 * 0.001
        assertThat(transitions).isEmpty();
        assertThat(state.baselineUsd()).isEqualByComparingTo("0.0016");
    }

    @Test
    void theFirstBucketOfAKeyIsPartialAndLeftOutOfTheBaseline() {
        observe(0, 1, "0.01");
        steadyTraffic(1, 4);

        assertThat(state.baselineUsd()).isEqualByComparingTo("0.1");
    }

    @Test
    void aBurstyKeyNeedsABiggerJumpThanASteadyOne() {
        for (long bucket = 0; bucket <= 20; bucket++) {
            observe(bucket, 1, bucket % 2 == 0 ? "0.02" : "0.18");
        }
        observe(21, 1, "0.33");
        assertThat(transitions).as("3.3x the mean but within the key's usual swing").isEmpty();

        observe(21, 1, "0.3");
        assertThat(transitions).singleElement().extracting(Transition::firing).isEqualTo(true);
    }

    @Test
    void lateEventsForAClosedBucketChangeNothing() {
        steadyTraffic(0, 5);
        CostSpikeState before = state;

        Step late = detector.observe(state, 2 * BUCKET, "late", new BigDecimal("100"));

        assertThat(late.transition()).isEmpty();
        assertThat(late.state()).isEqualTo(before);
    }

    @Test
    void silentBucketsCountAsZeroCost() {
        steadyTraffic(0, 5);
        observe(20, 1, "0.01");

        assertThat(state.baselineUsd()).isLessThan(new BigDecimal("0.001"));
    }
}
