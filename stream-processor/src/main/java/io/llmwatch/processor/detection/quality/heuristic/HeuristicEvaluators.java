package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.SpanEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The in-stream quality checks, run on every span: each one that applies yields a named score. Feed each name to
 * its own quality-degradation key (model × prompt version × score name), so a rise in truncations is not diluted by
 * a steady error rate.
 */
public final class HeuristicEvaluators {

    private final List<HeuristicEvaluator> evaluators;

    public HeuristicEvaluators(List<HeuristicEvaluator> evaluators) {
        this.evaluators = List.copyOf(evaluators);
    }

    /** Every check llmwatch ships: truncation, empty and refused responses, JSON validity, errors, latency, tokens. */
    public static HeuristicEvaluators standard(HeuristicSettings settings) {
        return new HeuristicEvaluators(List.of(new NotTruncated(), new NonEmptyResponse(), new NoRefusal(),
                new ValidJson(), new NoError(), new LatencySlo(settings.latencySlo()),
                new TokenEfficiency(settings.tokenBudgetPerCall())));
    }

    public List<HeuristicScore> evaluate(SpanEvent span) {
        List<HeuristicScore> scores = new ArrayList<>(evaluators.size());
        for (HeuristicEvaluator evaluator : evaluators) {
            OptionalDouble score = evaluator.score(span);
            if (score.isPresent()) {
                scores.add(new HeuristicScore(evaluator.name(), score.getAsDouble()));
            }
        }
        return List.copyOf(scores);
    }
}
