package io.llmwatch.processor.detection.regression;

import io.llmwatch.processor.detection.comparison.SeriesState;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.llmwatch.processor.serde.JsonSerde.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorRateDetectorTest {

    private static final ErrorRateSettings SETTINGS = ErrorRateSettings.DEFAULTS;
    private static final int WARM_UP = SETTINGS.windows().recent() + SETTINGS.windows().baseline();

    private final ErrorRateDetector detector = new ErrorRateDetector(SETTINGS);
    private final Random random = new Random(5);
    private final List<Verdict> verdicts = new ArrayList<>();
    private SeriesState state;
    private long time;

    private void calls(int count, double errorRate) {
        for (int i = 0; i < count; i++) {
            DetectorStep<SeriesState> step = detector.step(state,
                    new CallOutcome(time, "trace-" + time, random.nextDouble() < errorRate));
            time += 100;
            state = step.state();
            verdicts.addAll(step.verdicts());
        }
    }

    @Test
    void aSteadyLowErrorRateNeverFires() {
        calls(50_000, 0.02);

        assertThat(verdicts).isEmpty();
    }

    @Test
    void anErrorBurstFiresOnceWithASignificantTestAndCitesFailedTraces() {
        calls(WARM_UP, 0.01);

        calls(150, 0.3);

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.type()).isEqualTo(AlertType.ERROR_RATE);
            assertThat(fired.severity()).isEqualTo(Severity.WARNING);
            assertThat(fired.evidence().pValue()).isLessThan(SETTINGS.criteria().alpha());
            assertThat(fired.evidence().exemplarTraceIds()).hasSize(5);
            assertThat(fired.summary()).startsWith("Error rate rose to ");
        });
    }

    @Test
    void anOutageIsCriticalAndResolvesWhenCallsSucceedAgain() {
        calls(WARM_UP, 0.01);
        calls(200, 1.0);
        calls(1_000, 0.01);

        assertThat(verdicts).extracting(Verdict::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(verdicts.get(0).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aRiseOfAFewPointsDoesNotPage() {
        calls(WARM_UP, 0.01);

        calls(10_000, 0.03);

        assertThat(verdicts).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void anErrorRateHoveringAtTheThresholdFiresAtMostOnce(long seed) {
        random.setSeed(seed);
        calls(WARM_UP, 0.01);

        calls(20_000, 0.01 + SETTINGS.criteria().minimumEffect());

        assertThat(verdicts.stream().filter(v -> v.status() == AlertStatus.FIRING)).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void stateStaysBoundedAfter100kCallsAndSurvivesAJsonRoundTrip() throws Exception {
        calls(100_000, 0.02);

        assertThat(state.windows().recent().count()).isEqualTo(SETTINGS.windows().recent());
        assertThat(state.windows().baseline().count()).isEqualTo(SETTINGS.windows().baseline());
        assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(state), SeriesState.class)).isEqualTo(state);
    }
}
