package io.llmwatch.processor.detection.lifecycle;

import io.llmwatch.processor.detection.lifecycle.Hysteresis.Transition;
import io.llmwatch.schemas.alert.AlertStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.llmwatch.processor.detection.lifecycle.Reading.BORDERLINE;
import static io.llmwatch.processor.detection.lifecycle.Reading.BREACHED;
import static io.llmwatch.processor.detection.lifecycle.Reading.CLEAR;
import static org.assertj.core.api.Assertions.assertThat;

class HysteresisTest {

    private final Hysteresis hysteresis = new Hysteresis(new LifecycleSettings(3, 2));
    private LifecycleState state = LifecycleState.resolved();
    private final List<Transition> transitions = new ArrayList<>();
    private long time;

    private void read(Reading... readings) {
        for (Reading reading : readings) {
            Hysteresis.Step step = hysteresis.step(state, reading, time++);
            state = step.state();
            step.transition().ifPresent(transitions::add);
        }
    }

    @Test
    void firesOnlyAfterEnoughBreachesInARow() {
        read(BREACHED, BREACHED);
        assertThat(transitions).isEmpty();
        assertThat(state.phase()).isEqualTo(Phase.PENDING);

        read(BREACHED);

        assertThat(transitions).singleElement().satisfies(fired -> {
            assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fired.incident().startMillis()).isZero();
            assertThat(fired.incident().endMillis()).isEqualTo(2);
        });
        assertThat(state.phase()).isEqualTo(Phase.FIRING);
    }

    @Test
    void anyOtherReadingBreaksAPendingRun() {
        read(BREACHED, BREACHED, BORDERLINE, BREACHED, BREACHED, CLEAR);

        assertThat(transitions).isEmpty();
        assertThat(state.phase()).isEqualTo(Phase.RESOLVED);
        assertThat(state.streak()).isZero();
    }

    @Test
    void resolvesAfterEnoughClearsInARowUnderTheSameIncident() {
        read(BREACHED, BREACHED, BREACHED, CLEAR);
        assertThat(state.phase()).isEqualTo(Phase.RESOLVING);

        read(CLEAR);

        assertThat(transitions).extracting(Transition::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(transitions.get(1).incident().id()).isEqualTo(transitions.get(0).incident().id());
        assertThat(transitions.get(1).incident().endMillis()).isEqualTo(4);
        assertThat(state.phase()).isEqualTo(Phase.RESOLVED);
        assertThat(state.evidenceSinceMillis()).isEqualTo(4);
    }

    @Test
    void evidenceCountsFromTheIncidentsFirstBreachWhileItIsOpenAndFromItsResolutionAfter() {
        assertThat(state.evidenceSinceMillis()).isZero();
        time = 100;
        read(BREACHED, BREACHED, BREACHED, CLEAR);
        assertThat(state.evidenceSinceMillis()).isEqualTo(100);

        read(CLEAR);
        assertThat(state.evidenceSinceMillis()).isEqualTo(104);

        read(BREACHED, CLEAR);
        assertThat(state.phase()).isEqualTo(Phase.RESOLVED);
        assertThat(state.evidenceSinceMillis()).as("a breach that never fired changes nothing").isEqualTo(104);
    }

    @Test
    void aLateValueFromALaggingPartitionDatesNothingBeforeWhatWasAlreadySeen() {
        time = 500;
        read(CLEAR, CLEAR);
        time = 100;
        read(BREACHED, BREACHED, BREACHED);

        assertThat(transitions).singleElement().satisfies(fired -> assertThat(fired.incident().startMillis()).isEqualTo(501));
        assertThat(state.evidenceSinceMillis()).isEqualTo(501);
    }

    @Test
    void aBorderlineReadingWhileResolvingKeepsTheAlertFiring() {
        read(BREACHED, BREACHED, BREACHED, CLEAR, BORDERLINE, CLEAR);

        assertThat(transitions).extracting(Transition::status).containsExactly(AlertStatus.FIRING);
        assertThat(state.phase()).isEqualTo(Phase.RESOLVING);
    }

    @Test
    void theNextIncidentGetsANewName() {
        read(BREACHED, BREACHED, BREACHED, CLEAR, CLEAR, BREACHED, BREACHED, BREACHED);

        assertThat(transitions).hasSize(3);
        assertThat(transitions.get(2).incident().id()).isNotEqualTo(transitions.get(0).incident().id());
    }

    @Test
    void endingAnIncidentResolvesAFiredAlertAndForgetsAPendingOne() {
        read(BREACHED, BREACHED, BREACHED, CLEAR);
        Hysteresis.Step ended = hysteresis.end(state, 10);

        assertThat(ended.state().phase()).isEqualTo(Phase.RESOLVED);
        assertThat(ended.state().evidenceSinceMillis()).isEqualTo(10);
        assertThat(ended.transition()).hasValueSatisfying(resolved -> {
            assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(resolved.incident().id()).isEqualTo(transitions.get(0).incident().id());
        });

        state = ended.state();
        read(BREACHED);
        assertThat(state.phase()).isEqualTo(Phase.PENDING);
        assertThat(hysteresis.end(state, 20).transition()).isEmpty();
    }

    /**
     * The property the lifecycle exists for: a series that hovers at its firing threshold, noise and all, makes one
     * incident and so at most one firing. Breaches are tested at 1.0 and clears at 0.8, only two noise deviations
     * below, with the lifecycle the detectors use by default (3 breaches to fire, 10 clears to resolve).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void aNoisySeriesHoveringAtTheThresholdFiresAtMostOnce(long seed) {
        Hysteresis detectorDefaults = new Hysteresis(new LifecycleSettings(3, 10));
        Random random = new Random(seed);
        double fireAbove = 1.0;
        double clearBelow = 0.8;
        double noise = (fireAbove - clearBelow) / 2;
        int naiveCrossings = 0;
        boolean naiveAbove = false;
        for (int i = 0; i < 10_000; i++) {
            double value = fireAbove + noise * random.nextGaussian();
            Reading reading = value > fireAbove ? BREACHED : value < clearBelow ? CLEAR : BORDERLINE;
            Hysteresis.Step step = detectorDefaults.step(state, reading, i);
            state = step.state();
            step.transition().ifPresent(transitions::add);
            naiveCrossings += !naiveAbove && value > fireAbove ? 1 : 0;
            naiveAbove = value > fireAbove;
        }

        assertThat(transitions.stream().filter(t -> t.status() == AlertStatus.FIRING)).hasSizeLessThanOrEqualTo(1);
        assertThat(naiveCrossings).as("a single threshold without hysteresis would have flapped").isGreaterThan(1_000);
    }
}
