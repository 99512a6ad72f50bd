package io.llmwatch.processor.detection.efficiency;

import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.alert.Severity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.llmwatch.processor.serde.JsonSerde.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

class InefficientPromptDetectorTest {

    private static final EfficiencySettings SETTINGS = EfficiencySettings.DEFAULTS;

    private final InefficientPromptDetector detector = new InefficientPromptDetector(SETTINGS);
    private final Random random = new Random(11);
    private final List<Verdict> verdicts = new ArrayList<>();
    private InefficientPromptState state;
    private long time;

    /** Calls of a version with scattered quality and cost around the given typical values. */
    private void calls(int count, String version, double quality, String typicalCostUsd) {
        BigDecimal typical = new BigDecimal(typicalCostUsd);
        for (int i = 0; i < count; i++) {
            double score = Math.max(0, Math.min(1, quality + 0.05 * random.nextGaussian()));
            BigDecimal cost = typical.multiply(BigDecimal.valueOf(Math.exp(0.2 * random.nextGaussian())));
            DetectorStep<InefficientPromptState> step = detector.step(state,
                    new VersionOutcome(version, time, "trace-" + time, score, cost));
            time += 1_000;
            state = step.state();
            verdicts.addAll(step.verdicts());
        }
    }

    @Test
    void versionsThatBuyTheSameQualityPerDollarAreQuiet() {
        calls(300, "v1", 0.8, "0.002");
        calls(300, "v2", 0.85, "0.0021");

        assertThat(verdicts).isEmpty();
    }

    @Test
    void aVersionThatCostsThreeTimesAsMuchForTheSameQualityIsPointedOut() {
        calls(300, "v1", 0.8, "0.002");

        calls(100, "v2", 0.82, "0.006");

        assertThat(verdicts).singleElement().satisfies(fired -> {
            assertThat(fired.type()).isEqualTo(AlertType.INEFFICIENT_PROMPT);
            assertThat(fired.severity()).isEqualTo(Severity.INFO);
            assertThat(fired.incident().id()).startsWith("v2@");
            assertThat(fired.evidence().pValue()).isLessThan(SETTINGS.criteria().alpha());
            assertThat(fired.summary()).startsWith("Prompt version v2 buys 0.3").contains("of version v1");
        });
    }

    @Test
    void aDearerVersionThatIsAlsoMuchBetterIsNotInefficient() {
        calls(300, "v1", 0.3, "0.002");

        calls(300, "v2", 0.9, "0.004");

        assertThat(verdicts).isEmpty();
    }

    @Test
    void movingTrafficAwayFromTheInefficientVersionResolvesItsAlert() {
        calls(300, "v1", 0.8, "0.002");
        calls(100, "v2", 0.82, "0.006");

        time += Duration.ofDays(2).toMillis();
        calls(1, "v1", 0.8, "0.002");

        assertThat(verdicts).extracting(Verdict::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(verdicts.get(1).summary()).isEqualTo("Prompt version v2 is no longer in use");
        assertThat(verdicts.get(1).incident().id()).isEqualTo(verdicts.get(0).incident().id());
    }

    @Test
    void freeCallsAreSkipped() {
        DetectorStep<InefficientPromptState> step = detector.step(null,
                new VersionOutcome("v1", 0, "trace", 0.9, BigDecimal.ZERO));

        assertThat(step.state().versions()).isEmpty();
    }

    @Test
    void stateStaysBoundedAfter100kCallsAcrossManyVersions() {
        for (int version = 0; version < 100; version++) {
            calls(1_000, "v" + version, 0.8, "0.002");
        }

        assertThat(state.versions()).hasSize(SETTINGS.maxVersions())
                .allSatisfy(version -> assertThat(version.qualityPerDollar().count()).isLessThanOrEqualTo(SETTINGS.samplesPerVersion()));
    }

    @Test
    void stateSurvivesAJsonRoundTrip() throws Exception {
        calls(300, "v1", 0.8, "0.002");
        calls(100, "v2", 0.82, "0.006");

        assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(state), InefficientPromptState.class)).isEqualTo(state);
    }
}
