package io.llmwatch.processor.detection.unpriced;

import io.llmwatch.processor.detection.KeyedDetector;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.DetectorKey;

import java.time.Duration;
import java.util.Map;

/** {@link UnpricedModelRule} per model: one alert per window naming a model nobody priced. */
public final class UnpricedWatch implements KeyedDetector<UnpricedModelState> {

    private final UnpricedModelRule rule;

    public UnpricedWatch(Duration window) {
        this.rule = new UnpricedModelRule(window);
    }

    @Override
    public void observe(String detectorKey, CallSignal signal, States<UnpricedModelState> states, Verdicts verdicts) {
        DetectorKey key = DetectorKey.parse(detectorKey);
        DetectorStep<UnpricedModelState> step = rule.step(states.get(""), new UnpricedCall(signal.sample().provider(),
                key.value(), signal.sample().eventTimeMillis(), signal.sample().traceId()));
        states.put("", step.state());
        step.verdicts().forEach(verdict -> verdicts.add(verdict, key.dimension(), key.value(),
                signal.sample().provider() == null ? Map.of() : Map.of("provider", signal.sample().provider())));
    }
}
