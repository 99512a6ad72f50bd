package io.llmwatch.processor.pricing.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Where a value sits in a response body, e.g. {@code usage.prompt_tokens_details.cached_tokens}; the last step is
 * always a field name.
 *
 * <p>{@link #find} follows genai-prices' {@code _extract_path}: when the path is required, anything missing or of the
 * wrong type is an error naming the exact spot; when it is optional, it just yields nothing.
 */
public record ExtractionPath(List<PathStep> steps) {

    /** The kinds of value a path can be asked for. */
    public enum ValueType {
        OBJECT("an object", JsonNode::isObject),
        STRING("a string", JsonNode::isTextual),
        NUMBER("a number", JsonNode::isNumber);

        private final String description;
        private final Predicate<JsonNode> test;

        ValueType(String description, Predicate<JsonNode> test) {
            this.description = description;
            this.test = test;
        }
    }

    public ExtractionPath {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof PathStep.Field)) {
            throw new IllegalArgumentException("an extraction path must end with a field name, got " + steps);
        }
    }

    /** Reads {@code "usage"} or {@code ["usage", "billed_units"]}, whose items may be array-match steps. */
    public static ExtractionPath fromJson(JsonNode path) {
        if (path.isTextual()) {
            return new ExtractionPath(List.of(new PathStep.Field(path.textValue())));
        }
        if (path.isArray()) {
            return new ExtractionPath(StreamSupport.stream(path.spliterator(), false).map(PathStep::fromJson).toList());
        }
        throw new IllegalArgumentException("an extraction path is a string or an array of steps, got " + path);
    }

    /**
     * The value at this path in {@code data}.
     *
     * @param location where {@code data} itself sits in the body, prefixed to error messages
     * @throws UsageExtractionException when {@code required} and the value is missing or not of {@code type}
     */
    public Optional<JsonNode> find(JsonNode data, boolean required, ValueType type, String location) {
        List<PathStep> walked = new ArrayList<>();
        JsonNode current = data;
        for (PathStep step : steps) {
            String parent = spot(location, walked);
            walked.add(step);
            String here = spot(location, walked);
            if (step instanceof PathStep.ArrayMatch arrayMatch) {
                if (!current.isArray()) {
                    return absent(required, "Expected " + parent + " to be an array, got " + typeName(current));
                }
                Optional<JsonNode> item = arrayMatch.firstMatchingItem(current);
                if (item.isEmpty()) {
                    return absent(required, "Unable to find item at " + here);
                }
                current = item.get();
            } else if (step instanceof PathStep.Field field) {
                if (!current.isObject()) {
                    return absent(required, "Expected " + parent + " to be an object, got " + typeName(current));
                }
                JsonNode child = current.get(field.name());
                if (child == null) {
                    return absent(required, "Missing value at " + here);
                }
                current = child;
            }
        }
        if (!type.test.test(current)) {
            return absent(required, "Expected " + spot(location, walked) + " to be " + type.description + ", got "
                    + typeName(current));
        }
        return Optional.of(current);
    }

    private static Optional<JsonNode> absent(boolean required, String problem) {
        if (required) {
            throw new UsageExtractionException(problem);
        }
        return Optional.empty();
    }

    /** The place in the body reached by {@code walked}, as error messages show it. */
    private static String spot(String location, List<PathStep> walked) {
        String path = Stream.concat(Stream.of(location), walked.stream().map(PathStep::toString))
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "the response body" : "`" + path + "`";
    }

    private static String typeName(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return steps.stream().map(PathStep::toString).collect(Collectors.joining("."));
    }
}
