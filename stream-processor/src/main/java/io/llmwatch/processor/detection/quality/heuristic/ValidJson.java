package io.llmwatch.processor.detection.quality.heuristic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.schemas.span.SpanEvent;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * When the app asked for JSON output and content is captured: 1 when the response is exactly one JSON value, 0 when
 * it is not (including JSON wrapped in a Markdown fence or followed by prose, which a strict parser rejects too).
 */
public final class ValidJson implements HeuristicEvaluator {

    private static final String JSON_OUTPUT = "json";
    private static final ObjectReader STRICT = JsonSerde.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public String name() {
        return "heuristic.valid_json";
    }

    @Override
    public OptionalDouble score(SpanEvent span) {
        boolean jsonRequested = span.getRequest() != null && JSON_OUTPUT.equalsIgnoreCase(span.getRequest().getOutputType());
        Optional<String> text = SpanFacts.responseText(span);
        if (!jsonRequested || text.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(isOneJsonValue(text.get()) ? 1 : 0);
    }

    private static boolean isOneJsonValue(String text) {
        try {
            return !STRICT.readTree(text).isMissingNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
