package io.llmwatch.processor.detection.quality;

import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.processor.detection.DetectionSettings;
import io.llmwatch.processor.detection.KeyedDetector;
import io.llmwatch.processor.detection.lifecycle.AlertType;
import io.llmwatch.processor.detection.lifecycle.Verdict;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.NamedScore;
import io.llmwatch.schemas.alert.AlertStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Quality per model × prompt version, with a new version judged against the one it replaces. */
class QualityWatchTest {

    private static final String MODEL_AND_PROMPT = "gpt-4o|support-answer";

    private final QualityWatch watch = new QualityWatch(QualitySettings.DEFAULTS, DetectionSettings.HEURISTIC_QUALITY);
    private final Map<String, PromptVersionQuality> states = new HashMap<>();
    private final List<Fired> fired = new ArrayList<>();
    private final Random random = new Random(7);
    private long time = 1_700_000_000_000L;

    private record Fired(Verdict verdict, String dimension, String dimensionKey, Map<String, String> attributes) {
    }

    /** {@code count} thumbs scores of a prompt version on gpt-4o, scattered around {@code mean} like ratings are. */
    private void score(int version, int count, double mean) {
        for (int i = 0; i < count; i++) {
            double value = Math.max(0, Math.min(1, mean + 0.08 * random.nextGaussian()));
            CallSignal signal = new CallSignal(new CostSample("trace-" + time, time, "acme", "u-1", "support-chat",
                    "production", "support-answer@" + version, "openai", "gpt-4o", new BigDecimal("0.001"), 1_000, 500,
                    0, 800, false), "support-answer", version, "ab".repeat(32), null,
                    List.of(new NamedScore("thumbs", value)), false);
            time += 1_000;
            watch.observe(MODEL_AND_PROMPT, signal, new KeyedDetector.States<>() {
                @Override
                public PromptVersionQuality get(String stateKey) {
                    return states.get(stateKey);
                }

                @Override
                public void put(String stateKey, PromptVersionQuality state) {
                    states.put(stateKey, state);
                }
            }, (verdict, dimension, dimensionKey, attributes) -> fired.add(new Fired(verdict, dimension, dimensionKey,
                    attributes)));
        }
    }

    @Test
    void aNewVersionClearlyWorseThanItsPredecessorFiresBeforeItHasAHistoryOfItsOwn() {
        score(1, 300, 0.85);

        score(2, 40, 0.55);

        assertThat(fired).singleElement().satisfies(alert -> {
            assertThat(alert.verdict().type()).isEqualTo(AlertType.QUALITY_DEGRADATION);
            assertThat(alert.verdict().status()).isEqualTo(AlertStatus.FIRING);
            assertThat(alert.dimension()).isEqualTo(QualityWatch.DIMENSION);
            assertThat(alert.dimensionKey()).isEqualTo("gpt-4o|support-answer@2");
            assertThat(alert.attributes()).containsEntry("previous_version", "gpt-4o|support-answer@1")
                    .containsEntry("score_name", "thumbs");
            assertThat(Double.parseDouble(alert.verdict().evidence().expected())).isGreaterThan(0.8);
            assertThat(alert.verdict().evidence().pValue()).isLessThan(QualitySettings.DEFAULTS.criteria().alpha());
        });
    }

    @Test
    void aNewVersionAsGoodAsItsPredecessorStaysQuiet() {
        score(1, 300, 0.85);

        score(2, 400, 0.85);

        assertThat(fired).isEmpty();
    }

    @Test
    void aNewVersionSlightlyWorseThanTheFloorAllowsStaysQuiet() {
        score(1, 300, 0.85);

        // 6% lower: real, but above the seed's 0.85 × floor and under the minimum effect.
        score(2, 400, 0.80);

        assertThat(fired).isEmpty();
    }

    @Test
    void aFirstVersionHasNothingToBeComparedWithAndStaysQuietWhileItsHistoryFills() {
        score(1, 30, 0.3);

        assertThat(fired).isEmpty();
    }

    @Test
    void keepsTheTwoNewestVersionsOnly() {
        score(1, 30, 0.85);
        score(2, 30, 0.85);
        score(3, 30, 0.85);

        PromptVersionQuality versions = states.get("|thumbs");
        assertThat(versions.version()).isEqualTo("gpt-4o|support-answer@3");
        assertThat(versions.previousVersion()).isEqualTo("gpt-4o|support-answer@2");
    }

    @Test
    void scoresOfThePreviousVersionDuringARolloutKeepToTheirOwnSeries() {
        score(1, 300, 0.85);
        score(2, 10, 0.85);

        score(1, 100, 0.85);

        PromptVersionQuality versions = states.get("|thumbs");
        assertThat(versions.version()).isEqualTo("gpt-4o|support-answer@2");
        assertThat(versions.series().observations()).isEqualTo(10);
        assertThat(versions.previous().observations()).isEqualTo(400);
        assertThat(fired).isEmpty();
    }
}
