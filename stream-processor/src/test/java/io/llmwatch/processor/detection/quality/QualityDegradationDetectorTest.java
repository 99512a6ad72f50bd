package io.llmwatch.processor.detection.quality;

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

class QualityDegradationDetectorTest {

    private static final QualitySettings SETTINGS = QualitySettings.DEFAULTS;

    private final QualityDegradationDetector detector = new QualityDegradationDetector(SETTINGS);
    private final Random random = new Random(42);
    private final List<Verdict> verdicts = new ArrayList<>();
    private SeriesState state;
    private long time;

    /** Scores around {@code mean}, as a judge model's ratings scatter, clipped to [0, 1]. */
    private void score(int count, double mean) {
        for (int i = 0; i < count; i++) {
            double value = Math.max(0, Math.min(1, mean + 0.08 * random.nextGaussian()));
            DetectorStep<SeriesState> step = detector.step(state, new QualityScore(time, "trace-" + time, value));
            time += 1_000;
            state = step.state();
            verdicts.addAll(step.verdicts());
        }
    }

    @Test
    void aSteadyScoreNeverFires() {
        score(5_000, 0.9);

        assertThat(verdicts).isEmpty();
    }

    @Test
    void aDropFiresOnceWithASignificantTestAndCitesLowScoredTraces() {
        score(400, 0.9);

        score(60, 0.7);

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.type()).isEqualTo(AlertType.QUALITY_DEGRADATION);
            assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fired.severity()).isEqualTo(Severity.WARNING);
            assertThat(fired.evidence().pValue()).isLessThan(SETTINGS.criteria().alpha());
            assertThat(fired.evidence().score()).isLessThanOrEqualTo(-SETTINGS.criteria().minimumEffect());
            assertThat(fired.evidence().exemplarTraceIds()).isNotEmpty();
            assertThat(fired.summary()).startsWith("Quality fell to a mean score of 0.");
        });
    }

    @Test
    void aCollapseIsCritical() {
        score(400, 0.9);

        score(50, 0.1);

        assertThat(verdicts).singleElement().extracting(Verdict::severity).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aSmallerDropThanTheSeedRuleAllowsNeverFiresHoweverSignificant() {
        score(400, 0.9);

        score(2_000, 0.8);

        assertThat(verdicts).isEmpty();
    }

    @Test
    void aLastingDropStaysOneIncidentAndResolvesWhenQualityRecovers() {
        score(400, 0.9);
        score(1_000, 0.6);
        assertThat(verdicts).hasSize(1);

        score(200, 0.9);

        assertThat(verdicts).extracting(Verdict::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(verdicts.get(1).incident().id()).isEqualTo(verdicts.get(0).incident().id());
        assertThat(verdicts.get(1).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void staysQuietUntilBothWindowsHoldEnoughScores() {
        score(SETTINGS.windows().recent() + SETTINGS.criteria().minimumSamples() - 1, 0.9);
        score(1, 0.0);

        assertThat(verdicts).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void qualityHoveringAtTheFloorFiresAtMostOnce(long seed) {
        random.setSeed(seed);
        score(400, 0.9);

        score(20_000, 0.9 * SETTINGS.floorRatio());

        assertThat(verdicts.stream().filter(v -> v.status() == AlertStatus.FIRING)).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void stateStaysBoundedAfter100kScores() {
        score(100_000, 0.9);

        assertThat(state.windows().recent().count()).isEqualTo(SETTINGS.windows().recent());
        assertThat(state.windows().baseline().count()).isEqualTo(SETTINGS.windows().baseline());
    }

    @Test
    void stateSurvivesAJsonRoundTrip() throws Exception {
        score(400, 0.9);
        score(30, 0.5);

        SeriesState read = MAPPER.readValue(MAPPER.writeValueAsBytes(state), SeriesState.class);

        assertThat(read).isEqualTo(state);
        assertThat(read.lifecycle().incidentOpen()).isTrue();
    }
}
