package io.llmwatch.processor.pricing.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.processor.pricing.matching.MatchClause;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** One step of an {@link ExtractionPath}: an object field, or the first array item whose field matches a clause. */
public sealed interface PathStep {

    /** Reads {@code "name"} or {@code {"type": "array-match", "field": ..., "match": {...}}}. */
    static PathStep fromJson(JsonNode step) {
        if (step.isTextual()) {
            return new Field(step.textValue());
        }
        if (step.isObject() && "array-match".equals(step.path("type").asText())) {
            return new ArrayMatch(step.required("field").asText(), MatchClause.fromJson(step.required("match")));
        }
        throw new IllegalArgumentException("a path step is a field name or an array-match object, got " + step);
    }

    record Field(String name) implements PathStep {
        public Field {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Selects, say, the {@code {"modality": "AUDIO", "tokenCount": 12}} item of a per-modality breakdown. */
    record ArrayMatch(String field, MatchClause match) implements PathStep {
        public ArrayMatch {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(match, "match");
        }

        /** The first object item whose {@code field} is a non-empty string the clause matches. */
        Optional<JsonNode> firstMatchingItem(JsonNode array) {
            return StreamSupport.stream(array.spliterator(), false)
                    .filter(item -> {
                        JsonNode value = item.path(field);
                        return value.isTextual() && !value.textValue().isEmpty() && match.matches(value.textValue());
                    })
                    .findFirst();
        }

        @Override
        public String toString() {
            return "[" + field + " " + match + "]";
        }
    }
}
