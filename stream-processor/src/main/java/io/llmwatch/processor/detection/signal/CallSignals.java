package io.llmwatch.processor.detection.signal;

import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.processor.detection.quality.heuristic.HeuristicEvaluators;
import io.llmwatch.processor.detection.quality.heuristic.HeuristicScore;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.Score;
import io.llmwatch.schemas.span.SpanEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Turns a priced model call into the signal detectors read: its cost sample, prompt, timing and every score. */
public final class CallSignals {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final HeuristicEvaluators heuristics;

    public CallSignals(HeuristicEvaluators heuristics) {
        this.heuristics = Objects.requireNonNull(heuristics, "heuristics");
    }

    public CallSignal of(SpanEvent span, CostSample sample) {
        List<NamedScore> scores = new ArrayList<>();
        for (Score score : span.getScores()) {
            if (Double.isFinite(score.getValue())) {
                scores.add(new NamedScore(score.getName(), score.getValue()));
            }
        }
        for (HeuristicScore score : heuristics.evaluate(span)) {
            scores.add(new NamedScore(score.name(), score.value()));
        }
        PromptRef prompt = span.getPrompt();
        Long ttft = span.getTimeToFirstTokenNanos() == null ? null : span.getTimeToFirstTokenNanos() / NANOS_PER_MILLI;
        return new CallSignal(sample, prompt == null ? null : prompt.getName(), prompt == null ? null : prompt.getVersion(),
                prompt == null ? null : prompt.getTemplateSha256(), ttft, scores, false);
    }
}
