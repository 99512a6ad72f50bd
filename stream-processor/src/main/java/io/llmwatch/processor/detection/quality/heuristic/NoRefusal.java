package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.SpanEvent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * 0 when the model declined to answer, 1 otherwise. A provider's content filter always counts; otherwise the captured
 * text is checked for the openings refusals share across models ("I'm sorry, but I can't…"). Refusals announce
 * themselves up front, so only the opening is read: a helpful answer that later says "I can't" is not one.
 */
public final class NoRefusal implements HeuristicEvaluator {

    private static final Set<String> FILTERED = Set.of("content_filter", "refusal", "safety");
    private static final List<String> REFUSAL_OPENINGS = List.of(
            "i'm sorry, but i can", "i am sorry, but i can", "sorry, but i can", "i'm sorry, i can", "i am sorry, i can",
            "i can't help", "i cannot help", "i can't assist", "i cannot assist", "i can't provide", "i cannot provide",
            "i'm unable to", "i am unable to", "i won't be able to");

    @Override
    public String name() {
        return "heuristic.no_refusal";
    }

    @Override
    public OptionalDouble score(SpanEvent span) {
        if (SpanFacts.hasFinishReason(span, FILTERED)) {
            return OptionalDouble.of(0);
        }
        Optional<String> text = SpanFacts.responseText(span);
        if (text.isEmpty() || !SpanFacts.calledAModel(span)) {
            return OptionalDouble.empty();
        }
        // Models write the apostrophe either way.
        String opening = text.get().strip().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return OptionalDouble.of(REFUSAL_OPENINGS.stream().anyMatch(opening::startsWith) ? 0 : 1);
    }
}
