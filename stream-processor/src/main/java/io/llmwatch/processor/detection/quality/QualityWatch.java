package io.llmwatch.processor.detection.quality;

import io.llmwatch.processor.detection.KeyedDetector;
import io.llmwatch.processor.detection.comparison.SeriesState;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.NamedScore;
import io.llmwatch.processor.detection.signal.QualityOfCall;

import java.util.Map;

/**
 * {@link QualityDegradationDetector} per model × prompt version and score name, so a rise in truncations is never
 * averaged with a steady helpfulness rating. Heuristic scores come with every call and are judged on their own,
 * coarser schedule; agent-side and feedback scores are rarer and each one counts.
 */
public final class QualityWatch implements KeyedDetector<SeriesState> {

    /** The dimension quality alerts name: a model and a prompt version, e.g. {@code gpt-4o|support-answer@3}. */
    public static final String DIMENSION = "model_prompt";

    private final QualityDegradationDetector scored;
    private final QualityDegradationDetector heuristic;

    public QualityWatch(QualitySettings scoredSettings, QualitySettings heuristicSettings) {
        this.scored = new QualityDegradationDetector(scoredSettings);
        this.heuristic = new QualityDegradationDetector(heuristicSettings);
    }

    @Override
    public void observe(String detectorKey, CallSignal signal, States<SeriesState> states, Verdicts verdicts) {
        for (NamedScore score : signal.scores()) {
            String stateKey = "|" + score.name();
            QualityDegradationDetector detector = QualityOfCall.isHeuristic(score.name()) ? heuristic : scored;
            DetectorStep<SeriesState> step = detector.step(states.get(stateKey),
                    new QualityScore(signal.sample().eventTimeMillis(), signal.sample().traceId(), score.value()));
            states.put(stateKey, step.state());
            Map<String, String> attributes = Map.of("score_name", score.name(), "source",
                    signal.feedback() ? "feedback" : QualityOfCall.isHeuristic(score.name()) ? "heuristic" : "agent");
            step.verdicts().forEach(verdict -> verdicts.add(verdict.forSubject(score.name()), DIMENSION, detectorKey,
                    attributes));
        }
    }
}
