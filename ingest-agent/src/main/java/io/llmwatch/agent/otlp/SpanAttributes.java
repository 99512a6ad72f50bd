package io.llmwatch.agent.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, lenient reads of OTLP attributes. Each read takes names in order of preference, so the current
 * semantic-convention name comes first and the deprecated ones follow. Instrumentations disagree on types
 * (a token count sent as a double, a user id as an int), so reads convert where the meaning is clear and
 * treat anything else as absent.
 */
final class SpanAttributes {

    private final Map<String, AnyValue> values;

    private SpanAttributes(Map<String, AnyValue> values) {
        this.values = values;
    }

    static SpanAttributes of(List<KeyValue> attributes) {
        Map<String, AnyValue> values = new HashMap<>();
        attributes.forEach(attribute -> values.put(attribute.getKey(), attribute.getValue()));
        return new SpanAttributes(values);
    }

    /** These attributes over {@code fallback}'s: a span's attribute wins over its resource's of the same name. */
    SpanAttributes over(SpanAttributes fallback) {
        Map<String, AnyValue> merged = new HashMap<>(fallback.values);
        merged.putAll(values);
        return new SpanAttributes(merged);
    }

    boolean hasAnyStartingWith(String prefix) {
        return values.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }

    /** The first of {@code names} present as a string, or as a number or boolean written out. */
    Optional<String> string(String... names) {
        return first(names, SpanAttributes::scalarText);
    }

    /** The first of {@code names} present as a whole number; an integral double or a numeric string counts. */
    Optional<Long> count(String... names) {
        return first(names, SpanAttributes::wholeNumber);
    }

    /** The first of {@code names} present as a number. */
    Optional<Double> number(String... names) {
        return first(names, value -> switch (value.getValueCase()) {
            case DOUBLE_VALUE -> Optional.of(value.getDoubleValue());
            case INT_VALUE -> Optional.of((double) value.getIntValue());
            default -> Optional.empty();
        });
    }

    /** The first of {@code names} present as an array of scalars, or as one scalar (a list of one). */
    List<String> strings(String... names) {
        return first(names, value -> value.hasArrayValue()
                ? Optional.of(value.getArrayValue().getValuesList().stream()
                        .map(SpanAttributes::scalarText).flatMap(Optional::stream).toList())
                : scalarText(value).map(List::of))
                .orElse(List.of());
    }

    /** Every scalar attribute named {@code prefix + key}, by key. */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                scalarText(value).ifPresent(text -> found.put(name.substring(prefix.length()), text));
            }
        });
        return found;
    }

    private <T> Optional<T> first(String[] names, Function<AnyValue, Optional<T>> read) {
        for (String name : names) {
            AnyValue value = values.get(name);
            Optional<T> result = value == null ? Optional.empty() : read.apply(value);
            if (result.isPresent()) {
                return result;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> scalarText(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> Optional.of(value.getStringValue());
            case INT_VALUE -> Optional.of(Long.toString(value.getIntValue()));
            case DOUBLE_VALUE -> Optional.of(Double.toString(value.getDoubleValue()));
            case BOOL_VALUE -> Optional.of(Boolean.toString(value.getBoolValue()));
            default -> Optional.empty();
        };
    }

    private static Optional<Long> wholeNumber(AnyValue value) {
        switch (value.getValueCase()) {
            case INT_VALUE:
                return Optional.of(value.getIntValue());
            case DOUBLE_VALUE:
                double number = value.getDoubleValue();
                return number == Math.rint(number) && Double.isFinite(number) ? Optional.of((long) number) : Optional.empty();
            case STRING_VALUE:
                try {
                    return Optional.of(Long.parseLong(value.getStringValue().strip()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            default:
                return Optional.empty();
        }
    }
}
