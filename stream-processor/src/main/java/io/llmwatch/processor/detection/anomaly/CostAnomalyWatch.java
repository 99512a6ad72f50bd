package io.llmwatch.processor.detection.anomaly;

import io.llmwatch.processor.detection.KeyedDetector;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.lifecycle.NumberText;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.DetectorKey;

import java.util.Map;

/** {@link CostAnomalyRule} per cost key: feature, user, tenant, model and the global total. */
public final class CostAnomalyWatch implements KeyedDetector<CostWatchState> {

    private final CostAnomalyRule rule;
    private final Map<String, String> attributes;

    public CostAnomalyWatch(CostAnomalySettings settings) {
        this.rule = new CostAnomalyRule(settings);
        this.attributes = Map.of("bucket_seconds", NumberText.seconds(settings.bucket()),
                "score_threshold", Double.toString(settings.scoreThreshold()));
    }

    @Override
    public void observe(String detectorKey, CallSignal signal, States<CostWatchState> states, Verdicts verdicts) {
        DetectorStep<CostWatchState> step = rule.step(states.get(""), signal.sample().eventTimeMillis(),
                signal.sample().traceId(), signal.sample().costUsd());
        states.put("", step.state());
        DetectorKey key = DetectorKey.parse(detectorKey);
        step.verdicts().forEach(verdict -> verdicts.add(verdict, key.dimension(), key.value(), attributes));
    }
}
