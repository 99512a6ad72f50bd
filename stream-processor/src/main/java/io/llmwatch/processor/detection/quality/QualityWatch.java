package io.llmwatch.processor.detection.quality;

import io.llmwatch.processor.detection.KeyedDetector;
import io.llmwatch.processor.detection.comparison.SeriesState;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.NamedScore;
import io.llmwatch.processor.detection.signal.QualityOfCall;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@link QualityDegradationDetector} per model × prompt version and score name, so a rise in truncations is never
 * averaged with a steady helpfulness rating. Heuristic scores come with every call and are judged on their own,
 * coarser schedule; agent-side and feedback scores are rarer and each one counts.
 *
 * <p>Signals arrive keyed by model × prompt whatever the version, so the versions of a prompt share a state: a new
 * version, which has no history of its own, is judged against the version it replaces until its own scores fill
 * its baseline. A new version that is worse from its first call therefore fires too, not only a version that gets
 * worse over time.
 */
public final class QualityWatch implements KeyedDetector<PromptVersionQuality> {

    /** The dimension quality alerts name: a model and a prompt version, e.g. {@code gpt-4o|support-answer@3}. */
    public static final String DIMENSION = "model_prompt";

    private final QualitySettings scoredSettings;
    private final QualitySettings heuristicSettings;
    private final QualityDegradationDetector scored;
    private final QualityDegradationDetector heuristic;

    public QualityWatch(QualitySettings scoredSettings, QualitySettings heuristicSettings) {
        this.scoredSettings = scoredSettings;
        this.heuristicSettings = heuristicSettings;
        this.scored = new QualityDegradationDetector(scoredSettings);
        this.heuristic = new QualityDegradationDetector(heuristicSettings);
    }

    /** @param detectorKey the model and the prompt whatever its version, e.g. {@code gpt-4o|support-answer} */
    @Override
    public void observe(String detectorKey, CallSignal signal, States<PromptVersionQuality> states, Verdicts verdicts) {
        // The model and the prompt version, e.g. gpt-4o|support-answer@3: what quality alerts are about.
        String versionKey = signal.modelAndPromptVersion();
        for (NamedScore score : signal.scores()) {
            String stateKey = "|" + score.name();
            boolean isHeuristic = QualityOfCall.isHeuristic(score.name());
            QualityDegradationDetector detector = isHeuristic ? heuristic : scored;
            PromptVersionQuality versions = states.get(stateKey);
            SeriesState series = versions == null
                    ? null
                    : versions.seriesOf(versionKey, (isHeuristic ? heuristicSettings : scoredSettings).windows());
            DetectorStep<SeriesState> step = detector.step(series,
                    new QualityScore(signal.sample().eventTimeMillis(), signal.sample().traceId(), score.value()));
            PromptVersionQuality updated = versions == null
                    ? PromptVersionQuality.first(versionKey, step.state())
                    : versions.with(versionKey, step.state());
            states.put(stateKey, updated);
            Map<String, String> attributes = new TreeMap<>(Map.of("score_name", score.name(), "source",
                    signal.feedback() ? "feedback" : isHeuristic ? "heuristic" : "agent"));
            if (updated.previousVersion() != null && versionKey.equals(updated.version())) {
                attributes.put("previous_version", updated.previousVersion());
            }
            step.verdicts().forEach(verdict -> verdicts.add(verdict.forSubject(score.name()), DIMENSION, versionKey,
                    attributes));
        }
    }
}
