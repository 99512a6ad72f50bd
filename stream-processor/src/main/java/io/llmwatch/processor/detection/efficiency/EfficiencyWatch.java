package io.llmwatch.processor.detection.efficiency;

import io.llmwatch.processor.detection.KeyedDetector;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.QualityOfCall;

import java.util.Map;
import java.util.OptionalDouble;

/** {@link InefficientPromptDetector} per prompt name, over its priced calls that carry a judged quality score. */
public final class EfficiencyWatch implements KeyedDetector<InefficientPromptState> {

    public static final String DIMENSION = "prompt";

    private final InefficientPromptDetector detector;

    public EfficiencyWatch(EfficiencySettings settings) {
        this.detector = new InefficientPromptDetector(settings);
    }

    @Override
    public void observe(String promptName, CallSignal signal, States<InefficientPromptState> states, Verdicts verdicts) {
        OptionalDouble quality = QualityOfCall.judged(signal);
        if (quality.isEmpty() || !signal.sample().priced()) {
            return;
        }
        String version = signal.sample().prompt();
        DetectorStep<InefficientPromptState> step = detector.step(states.get(""), new VersionOutcome(version,
                signal.sample().eventTimeMillis(), signal.sample().traceId(), quality.getAsDouble(),
                signal.sample().costUsd()));
        states.put("", step.state());
        step.verdicts().forEach(verdict -> verdicts.add(verdict, DIMENSION, promptName, Map.of()));
    }
}
