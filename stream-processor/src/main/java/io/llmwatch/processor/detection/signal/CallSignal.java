package io.llmwatch.processor.detection.signal;

import io.llmwatch.processor.cost.CostSample;

import java.util.List;
import java.util.Objects;

/**
 * What the detectors need of one model call, priced once: its cost sample (dimensions, tokens, cost, latency, error)
 * plus what only detectors ask for. A late feedback score travels as a signal of its call with {@code feedback} set
 * and only that score, so quality detection sees it while cost and latency detectors skip it.
 *
 * @param promptName        the prompt template's name, {@code null} when the call named none
 * @param promptVersion     the registry's version number, when known
 * @param promptSha256      the template hash that identifies a version, when known
 * @param timeToFirstTokenMillis {@code null} unless the call streamed
 * @param scores            agent-side and heuristic scores of the call, or the one feedback score
 * @param feedback          whether this signal carries a late feedback score rather than the call itself
 */
public record CallSignal(CostSample sample, String promptName, Integer promptVersion, String promptSha256,
                         Long timeToFirstTokenMillis, List<NamedScore> scores, boolean feedback) {

    /** Stands in for the prompt of a call that named none. */
    private static final String NO_PROMPT = "(no prompt)";

    public CallSignal {
        Objects.requireNonNull(sample, "sample");
        scores = scores == null ? List.of() : List.copyOf(scores);
    }

    /** The key quality is judged per: the model and the prompt version, e.g. {@code gpt-4o|support-answer@3}. */
    public String modelAndPromptVersion() {
        return sample.model() + "|" + (sample.prompt() == null ? NO_PROMPT : sample.prompt());
    }

    /**
     * The model and the prompt whatever its version, e.g. {@code gpt-4o|support-answer}: quality signals are
     * partitioned by it, so a new version's scores meet its predecessor's on the same instance.
     */
    public String modelAndPrompt() {
        return sample.model() + "|" + (promptName == null ? NO_PROMPT : promptName);
    }

    /**
     * The call's measurements alone, all the cost, timing and unpriced-model detectors read: its time, trace, cost,
     * tokens, latency, error and provider. Those detectors learn the dimension value from their key; the
     * attribution, the prompt's identity and the scores (six heuristic names and values per call) travel only to
     * the detectors that judge them, which keeps seven of a call's nine routed copies small.
     */
    public CallSignal measurements() {
        CostSample measured = new CostSample(sample.traceId(), sample.eventTimeMillis(), null, null, null, null, null,
                sample.provider(), null, sample.costUsd(), sample.inputTokens(), sample.outputTokens(),
                sample.cacheReadTokens(), sample.latencyMillis(), sample.error());
        return new CallSignal(measured, null, null, null, timeToFirstTokenMillis, List.of(), feedback);
    }

    /** The same call carrying one late score instead of its own. */
    public CallSignal withFeedback(NamedScore score) {
        return new CallSignal(sample, promptName, promptVersion, promptSha256, timeToFirstTokenMillis, List.of(score),
                true);
    }
}
