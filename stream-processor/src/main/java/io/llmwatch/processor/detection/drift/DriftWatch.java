package io.llmwatch.processor.detection.drift;

import io.llmwatch.processor.detection.KeyedDetector;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.QualityOfCall;

import java.util.Map;
import java.util.OptionalDouble;

/** {@link PromptDriftDetector} per prompt name; its state is also what {@code GET /api/prompts/{name}/drift} reports. */
public final class DriftWatch implements KeyedDetector<PromptDriftState> {

    public static final String DIMENSION = "prompt";

    private final PromptDriftDetector detector;

    public DriftWatch(PromptDriftDetector detector) {
        this.detector = detector;
    }

    @Override
    public void observe(String promptName, CallSignal signal, States<PromptDriftState> states, Verdicts verdicts) {
        DetectorStep<PromptDriftState> step = detector.step(states.get(""), call(signal));
        states.put("", step.state());
        step.verdicts().forEach(verdict -> verdicts.add(verdict, DIMENSION, promptName,
                Map.of("prompt_version", step.state().current().version().label())));
    }

    /** A version is its template hash; a registry number alone stands in for the hash when the app sent none. */
    static PromptVersion versionOf(CallSignal signal) {
        String hash = signal.promptSha256() != null ? signal.promptSha256()
                : "v" + (signal.promptVersion() == null ? "?" : signal.promptVersion());
        return new PromptVersion(hash, signal.promptVersion());
    }

    private static PromptCall call(CallSignal signal) {
        OptionalDouble quality = QualityOfCall.judged(signal);
        return new PromptCall(versionOf(signal), signal.sample().eventTimeMillis(), signal.sample().latencyMillis(),
                signal.sample().inputTokens(), signal.sample().outputTokens(), signal.sample().costUsd(),
                quality.isPresent() ? quality.getAsDouble() : null);
    }
}
